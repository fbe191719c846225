import ArgumentParser
import CCMCore

/// The one command table.
///
/// The CLI, the REPL and scripts all run argv through `run`, so a command means the same
/// everywhere.
///
/// Dispatch is ccm's: a first word that names a cluster command is one; any other word is a
/// node name and the next word the node command (`ccmsh node1 show`).
enum CommandTable {
  /// Cluster commands.
  ///
  /// Container commands (start, stop, ...) are added here.
  static let clusterCommands: [any ShellCommand.Type] = [
    CreateCommand.self, PopulateCommand.self, AddCommand.self, ListCommand.self,
    SwitchCommand.self, StatusCommand.self, LivesetCommand.self, RemoveCommand.self,
    ClearCommand.self, UpdateConfCommand.self, StartCommand.self, StopCommand.self,
    RestartCommand.self, FlushCommand.self, CompactCommand.self, SetLogCommand.self,
    CheckLogErrorCommand.self, CollectLogsCommand.self, PartitionCommand.self, HealCommand.self,
    FaultCommand.self, FaultsCommand.self,
    RunCommand.self, CheckCommand.self, CompletionCommand.self, UpgradeCommand.self,
    BisectCommand.self, VersionCommand.self,
  ]

  /// Node commands.
  static let nodeCommands: [any NodeShellCommand.Type] = [
    ShowCommand.self, NodeRemoveCommand.self, NodeClearCommand.self, NodeUpdateConfCommand.self,
    NodeStartCommand.self, NodeStopCommand.self, NodeRestartCommand.self, NodeKillCommand.self,
    NodePauseCommand.self, NodeResumeCommand.self, NodeDecommissionCommand.self,
    NodetoolCommand.self, CQLShellCommand.self, ExecCommand.self, ShowLogCommand.self,
    MarkLogCommand.self, WatchLogCommand.self, NodeCheckLogErrorCommand.self,
    VersionFromBuildCommand.self, NodeSetLogCommand.self, NodeUpgradeCommand.self,
  ]

  /// scylla-ccm's node commands that are nodetool's (`ccm node1 flush`): run as
  /// `NODE nodetool WORD ARGS...`.
  static let nodetoolShortcuts: Set<String> = [
    "ring", "flush", "compact", "drain", "cleanup", "repair", "version", "status",
  ]

  /// A node command line with a nodetool shortcut spelled out (`flush` → `nodetool flush`), so
  /// running it and checking it (`ccmsh check`) read it alike.
  static func nodeArguments(_ arguments: [String]) -> [String] {
    guard let first = arguments.first, nodetoolShortcuts.contains(first) else { return arguments }
    return ["nodetool"] + arguments
  }

  /// Every word that may follow a node name: the node commands and the nodetool shortcuts.
  static var nodeCommandWords: Set<String> {
    Set(nodeCommands.map { $0._commandName }).union(nodetoolShortcuts)
  }

  /// Names of the cluster commands (for dispatch and completion).
  static var clusterCommandNames: Set<String> {
    Set(clusterCommands.map { $0._commandName })
  }

  /// Parses and runs one command line (without the program name): the CLI's edge.
  ///
  /// The failure, if any, is rendered here, once, as `ccmsh: error: …`. This never throws.
  static func run(_ arguments: [String], in context: CommandContext) async -> CommandOutcome {
    let words: GlobalWords
    do {
      words = try GlobalWords(reading: arguments)
    } catch {
      let failure = ErrorReport.usage(error.message)
      ErrorReport.render(failure, to: context.output, colour: context.colourErrors)
      return .failed(failure)
    }
    return await run(words, in: context)
  }

  /// `run` for a line whose global words are read already (`main`'s launch read them).
  static func run(_ words: GlobalWords, in context: CommandContext) async -> CommandOutcome {
    if let problem = CommandSpelling.problem(words.rest) {
      // Said as the prompt and `ccmsh check` say it, notes included.
      let text = ([problem.message] + problem.notes.map { "note: " + $0 }).joined(separator: "\n")
      let failure = CommandFailure(text: text, isUsage: true)
      ErrorReport.render(failure, to: context.output, colour: context.colourErrors)
      return .failed(failure)
    }
    let outcome = await outcome(of: words, in: context)
    if let failure = outcome.failure {
      ErrorReport.render(failure, to: context.output, colour: context.colourErrors)
    }
    return outcome
  }

  /// Parses and runs one command line; a failure stays a value (nothing is printed for it), for
  /// hosts that report it themselves (scripts, the REPL).
  static func outcome(of arguments: [String], in context: CommandContext) async -> CommandOutcome {
    do {
      return await outcome(of: try GlobalWords(reading: arguments), in: context)
    } catch {
      return .failed(ErrorReport.usage(error.message))
    }
  }

  static func outcome(of words: GlobalWords, in context: CommandContext) async -> CommandOutcome {
    var words = words
    // The root's own words, not argument parser's `version:` (that one would reach every
    // subcommand and clash with `create --version VERSION`).
    if words.rest.count == 1, let flag = words.rest.first, VersionCommand.flags.contains(flag) {
      words.rest = ["version"]
    }
    let arguments = words.rest
    guard let first = arguments.first else {
      context.output.writeError(ProgramName.rename(ClusterRoot.helpMessage()))
      return CommandOutcome(status: .usage, value: .null)
    }
    if first.hasPrefix("-") || first == "help" || clusterCommandNames.contains(first) {
      return await runCluster(words, in: context)
    }
    return await runNode(first, words, in: context)
  }

  private static func runCluster(_ words: GlobalWords, in context: CommandContext) async
    -> CommandOutcome
  {
    await parseAndRun(words.rest, root: ClusterRoot.self, in: context) { parsed in
      guard let parsed = parsed as? any ShellCommand else { return nil }
      let command = try parsed.with(words)
      let lock = try (command as? any ClusterWriting)?.lockCluster(in: context)
      defer { withExtendedLifetime(lock) {} }
      context.touched?.note(command, arguments: words.rest, in: context)
      if let create = command as? CreateCommand, let touched = context.touched {
        let existed = context.store(create.global).exists(create.name)
        defer { touched.noteCreated(create, existedBefore: existed, in: context) }
        return try await Self.execute(command, in: context)
      }
      return try await Self.execute(command, in: context)
    }
  }

  private static func execute(_ command: any ShellCommand, in context: CommandContext)
    async throws -> CommandOutcome
  {
    var outcome = try await command.execute(in: context)
    outcome.fields = type(of: command).scriptFields(outcome.value)
    return outcome
  }

  private static func runNode(_ node: String, _ words: GlobalWords, in context: CommandContext)
    async -> CommandOutcome
  {
    let arguments = Array(words.rest.dropFirst())
    guard !arguments.isEmpty else {
      return .failed(ErrorReport.usage(nodeWithoutCommand(node)))
    }
    return await parseAndRun(nodeArguments(arguments), root: NodeRoot.self, in: context) { parsed in
      guard let parsed = parsed as? any NodeShellCommand else { return nil }
      let command = try parsed.with(words)
      let lock = try (command as? any ClusterWriting)?.lockCluster(in: context)
      defer { withExtendedLifetime(lock) {} }
      context.touched?.note(command, arguments: arguments, in: context)
      var outcome = try await command.execute(node: node, in: context)
      outcome.fields = type(of: command).scriptFields(outcome.value)
      return outcome
    }
  }

  static func nodeWithoutCommand(_ node: String) -> String {
    let names = nodeCommands.map { $0._commandName }.joined(separator: ", ")
    return "'\(node)' is not a command; as a node name it needs a node command (\(names))"
  }

  /// The usage error `run` would report for `arguments`, found by parsing alone (nothing
  /// runs, nothing is read): what the static check says about a script's command line.
  static func usageProblem(_ line: [String]) -> String? {
    let arguments: [String]
    do {
      arguments = try GlobalWords(reading: line).rest
    } catch {
      return error.message
    }
    guard let first = arguments.first else { return nil }
    let root: ParsableCommand.Type
    var rest = arguments
    if first.hasPrefix("-") || first == "help" || clusterCommandNames.contains(first) {
      root = ClusterRoot.self
    } else {
      rest.removeFirst()
      guard !rest.isEmpty else { return nodeWithoutCommand(first) }
      rest = nodeArguments(rest)
      root = NodeRoot.self
    }
    do {
      _ = try root.parseAsRoot(rest)
      return nil
    } catch {
      if root.exitCode(for: error) == .success { return nil }
      return ErrorReport.oneLine(
        ErrorReport.escapingNewlines(in: root.message(for: error), of: rest))
    }
  }

  /// Parses under `root` and runs what was parsed; a bare root (no subcommand) prints help.
  private static func parseAndRun(
    _ arguments: [String], root: ParsableCommand.Type, in context: CommandContext,
    execute: (ParsableCommand) async throws -> CommandOutcome?
  ) async -> CommandOutcome {
    let parsed: ParsableCommand
    do {
      parsed = try root.parseAsRoot(arguments)
    } catch {
      guard root.exitCode(for: error) == .success else {
        return .failed(ErrorReport.usage(root.message(for: error), arguments: arguments))
      }
      context.output.write(ErrorReport.helpText(root: root, arguments: arguments))
      return .ok()
    }
    do {
      guard let result = try await execute(parsed) else {
        context.output.write(ErrorReport.helpText(root: root, arguments: arguments))
        return .ok()
      }
      return result
    } catch {
      return .failed(CommandFailure.from(error))
    }
  }
}

/// The root of the cluster commands (only used for parsing and help).
struct ClusterRoot: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ccmsh",
    abstract: "A cluster manager for ScyllaDB test clusters, compatible with scylla-ccm.",
    discussion: """
      Node commands: ccmsh NODE {show|remove|clear|updateconf|start|stop|restart|kill|pause|\
      resume|decommission|nodetool|cqlsh|exec|showlog|marklog|watchlog|checklogerror|\
      versionfrombuild} ...; as in ccm, NODE {ring|flush|compact|drain|cleanup|repair|version|\
      status} ... runs nodetool's command of that name.
      """,
    subcommands: CommandTable.clusterCommands)
}

/// The root of the node commands (`ccmsh NODE <command>`).
struct NodeRoot: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ccmsh NODE",
    abstract: "Commands for one node of the current cluster.",
    subcommands: CommandTable.nodeCommands)
}
