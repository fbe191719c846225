import ArgumentParser
import CCMCore

/// scylla-ccm's `setlog LEVEL [-c CLASS]` and `NODE setlog …`: a log level for the server.
///
/// scylla-ccm keeps a ScyllaDB node's level in memory, so from its command line the level never
/// reaches the server (and its container mode drops `--default-log-level` anyway). ccmsh keeps
/// it where it lasts: the node's server flags (`--default-log-level`, `--logger-log-level
/// CLASS=LEVEL`), read at its next start; a running node's logger (`-c CLASS`) is also set at
/// once with `nodetool setlogginglevel`.
enum LogLevelSetting {
  /// scylla-ccm's words and the ScyllaDB level each becomes (its table: OFF is info).
  static let levels: [String: String] = [
    "TRACE": "trace", "DEBUG": "debug", "INFO": "info", "WARN": "warn", "ERROR": "error",
    "OFF": "info",
  ]

  static func level(_ word: String) throws -> String {
    guard let level = levels[word.uppercased()] else {
      throw ValidationError(
        "unknown log level '\(word)' (use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF)")
    }
    return level
  }

  /// The node's flags with `level` set for `logger` (every logger when nil).
  static func flags(_ flags: [String: String], level: String, logger: String?) -> [String: String] {
    var flags = flags
    guard let logger else {
      flags["default-log-level"] = level
      return flags
    }
    // `--logger-log-level a=debug:b=info`: one flag holding every logger's level.
    var pairs = (flags["logger-log-level"] ?? "").split(separator: ":").map(String.init)
      .filter { !$0.isEmpty && !$0.hasPrefix(logger + "=") }
    pairs.append(logger + "=" + level)
    flags["logger-log-level"] = pairs.joined(separator: ":")
    return flags
  }

  /// Records the level for `nodes` (all when nil), then sets a live node's logger at once.
  static func apply(
    _ word: String, logger: String?, nodes: [String]?, global: GlobalOptions,
    in context: CommandContext
  ) async throws -> CommandOutcome {
    let level = try level(word)
    let cluster = try await context.container(global)
    let loaded = cluster.snapshot
    for name in nodes ?? [] { _ = try loaded.node(named: name) }
    let targets = loaded.nodes.map(\.name).filter { nodes?.contains($0) ?? true }
    // Live first: a level a running node refuses is reported with nothing recorded.
    var now: [String] = []
    if let logger {
      let live = try await cluster.lifecycle.status().nodes.filter(\.isLive).map(\.name)
      for name in targets where live.contains(name) {
        let output = try await Nodetool.run(
          try cluster.resolvedNode(name), ["setlogginglevel", logger, level])
        guard output.succeeded else { return ToolReport.finish(output, to: context.output) }
        now.append(name)
      }
    }
    try cluster.modify { (cluster: inout Cluster) throws(CCMError) in
      for index in cluster.nodes.indices where targets.contains(cluster.nodes[index].name) {
        let own = cluster.nodes[index].containerSettings.imageFlags
        cluster.nodes[index].containerSettings = ContainerSettings(
          imageFlags: flags(own, level: level, logger: logger))
      }
    }
    let subject = logger ?? "every logger"
    for name in targets {
      let when = now.contains(name) ? "now and from its next start" : "from its next start"
      context.output.write("\(name): \(subject) at \(level) \(when)\n")
    }
    return .ok(
      .object([
        "level": .string(level), "logger": .optional(logger),
        "nodes": .list(targets.map(CommandValue.string)),
        "set_now": .list(now.map(CommandValue.string)),
      ]))
  }
}

/// `LEVEL [-c CLASS]`, as both `setlog` commands take them.
struct LogLevelArguments: ParsableArguments {
  @Option(
    name: [.customShort("c"), .customLong("class")],
    help: "Only this logger (set at once if running).")
  var logger: String?
  @Argument(help: "TRACE, DEBUG, INFO, WARN, ERROR or OFF.") var level: String

  func validate() throws { _ = try LogLevelSetting.level(level) }
}

/// `setlog LEVEL [-c CLASS]`: every node.
struct SetLogCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "setlog",
    abstract: "Set the server log level (TRACE…ERROR) of every node, from its next start.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var log: LogLevelArguments

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    try await LogLevelSetting.apply(
      log.level, logger: log.logger, nodes: nil, global: global, in: context)
  }
}

/// `NODE setlog LEVEL [-c CLASS]`: one node.
struct NodeSetLogCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "setlog",
    abstract: "Set the node's server log level (TRACE…ERROR), from its next start.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var log: LogLevelArguments

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    try await LogLevelSetting.apply(
      log.level, logger: log.logger, nodes: [node], global: global, in: context)
  }
}
