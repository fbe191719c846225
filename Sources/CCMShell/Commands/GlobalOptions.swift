import ArgumentParser

/// Options every command takes: declared here once, for every command's help and completion;
/// `GlobalWords` reads them off the line and the command table assigns them.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .customLong("config-dir"),
    help: "Directory of cluster state (default: $CCM_CONFIG_DIR, else ~/.ccm).")
  var configDirectory: String?

  @Option(name: .customLong("log-level"), help: "Diagnostic logging level.")
  var logLevel: LogLevelChoice?

  @Option(
    name: .customLong("cluster"),
    help: "Act on this cluster instead of the current one (CURRENT is left as it is).")
  var cluster: String?
}

/// Log levels `--log-level` accepts (swift-log's).
///
/// The logging bootstrap that consumes it is wired in with `Sources/CCMCore/Logging` (`-v` is not
/// global: ccm's `status -v` owns it).
enum LogLevelChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
  case trace, debug, info, notice, warning, error, critical
}

/// `--json` on inspection commands.
struct OutputFormatOptions: ParsableArguments {
  @Flag(name: .customLong("json"), help: "Print the result as JSON.")
  var json = false

  var format: OutputFormat { json ? .json : .text }
}

/// How an inspection command prints its result.
enum OutputFormat: Sendable {
  case text
  case json
}
