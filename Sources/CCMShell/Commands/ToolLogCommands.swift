import ArgumentParser
import CCMCore
import CCMWait

/// `NODE marklog`: the current end of the node's system.log, for `watchlog --from`.
struct MarkLogCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "marklog", abstract: "Print a mark of the node's log (for watchlog --from).")

  @OptionGroup var global: GlobalOptions

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    let mark = try await context.container(global).node(node).markLog()
    context.output.write("\(mark.offset)\n")
    return .ok(.int(Int(mark.offset)))
  }
}

/// `NODE watchlog REGEX [--from MARK] [--timeout D]`: waits for a matching log line.
struct WatchLogCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "watchlog",
    abstract: "Wait for a line matching REGEX in the node's log, after a mark.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "A regular expression.") var pattern: String
  @Option(help: "A mark from 'NODE marklog' (default: the start of the log).") var from: UInt64?
  @Option(help: "How long to wait: 30, 30s, 500ms, 2m.")
  var timeout = DurationArgument(.seconds(120))

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    let backend = try await context.container(global).node(node)
    let lines = try await backend.log.waitFor(
      .line(pattern, describing: "log line matching /\(pattern)/"),
      after: LogMark(offset: from ?? 0), policy: WaitPolicy(timeout: timeout.duration),
      onExit: .keepWaiting)
    let line = lines.first ?? ""
    context.output.write(line + "\n")
    return .ok(.string(line))
  }
}

/// `NODE showlog [--follow]`: the node's system.log; with --follow, new lines until Ctrl-C.
struct ShowLogCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "showlog", abstract: "Print the node's log (--follow: keep printing).")

  @OptionGroup var global: GlobalOptions
  @Flag(name: .shortAndLong, help: "Keep printing new lines until interrupted.") var follow = false

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    let backend = try await context.container(global).node(node)
    let output = context.output
    if follow {
      try await NodeLogs.follow(backend) { output.write($0) }
    } else {
      output.write(try await NodeLogs.text(backend))
    }
    return .ok(.string(backend.logFile.path))
  }
}

/// `NODE checklogerror [--from MARK]`: error lines of one node's log.
struct NodeCheckLogErrorCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "checklogerror",
    abstract: "Print the error lines of the node's log (exit 1 when there are any).")

  @OptionGroup var global: GlobalOptions
  @Option(help: "Only lines after this mark (from 'NODE marklog').") var from: UInt64?

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    let backend = try await context.container(global).node(node)
    let lines = try await NodeLogs.errorLines(backend, from: LogMark(offset: from ?? 0))
    return LogErrorReport.finish([(node, lines)], to: context.output)
  }
}

/// `checklogerror`: error lines of every node's log.
struct CheckLogErrorCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "checklogerror",
    abstract: "Print the error lines of every node's log (exit 1 when there are any).")

  @OptionGroup var global: GlobalOptions

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    var found: [(String, [String])] = []
    for backend in try await context.container(global).nodes() {
      found.append((backend.nodeName, try await NodeLogs.errorLines(backend)))
    }
    return LogErrorReport.finish(found, to: context.output)
  }
}

/// `collectlogs DIR`: every node's logs directory copied to DIR/<node>/.
struct CollectLogsCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "collectlogs", abstract: "Copy every node's logs into DIR/<node>/.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "Destination directory (created when missing).") var directory: String

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let nodes = try await context.container(global).nodes()
    let written = try await NodeLogs.collect(nodes, into: directory)
    for path in written { context.output.write(path + "\n") }
    return .ok(.list(written.map(CommandValue.string)))
  }
}

/// checklogerror's output: `node: line` for each error line; the value maps node → lines.
enum LogErrorReport {
  static func finish(_ found: [(String, [String])], to output: any OutputSink) -> CommandOutcome {
    for (node, lines) in found {
      for line in lines { output.write("\(node): \(line)\n") }
    }
    let value = CommandValue.object(
      found.map { .init(key: $0.0, value: .list($0.1.map(CommandValue.string))) })
    let clean = found.allSatisfy { $0.1.isEmpty }
    return CommandOutcome(status: clean ? .ok : .failure, value: value)
  }
}
