import CCMCore
import CCMLang

/// CCMLang's `CommandHost` over the command table, so a line in a script or at `ccmsh>` runs
/// exactly what `ccmsh <line>` runs on the shell.
///
/// In statement position the command's text streams to the script's output; in `$(…)` it is
/// only captured, and the result carries the command's structured value as fields (see
/// `ValueMapping`). A usage error, and in statement position any failure with an error
/// message, is thrown as `CommandHostError`, so the script reports it once, at its line.
struct TableHost: CommandHost {
  /// The environment commands read (`CCM_CONFIG_DIR`, `SCYLLA_DOCKER_IMAGE`, …).
  var environment: [String: String]
  var lockWait: Duration = .seconds(2)
  /// Runs the container engine's CLI (a fake in tests).
  var runner: any ProcessRunning = SubprocessRunner()
  /// Live feedback for statement commands that take a while; nil in tests.
  var progress: DelayedProgress?
  /// Where commands that failed for infrastructure reasons are noted (`run --bisect`).
  var infrastructure: InfrastructureLog?
  /// Statements typed at the REPL prompt on a terminal (see `CommandContext.terminal`).
  var terminal = false

  func run(_ argv: [String], context: CCMLang.CommandContext) async throws -> CCMLang.CommandResult
  {
    if let problem = Self.unknownCommand(argv) { throw problem }
    let streaming = context.position == .statement
    // A nested `run` shows no line of its own: its script's commands show theirs, on the same
    // line, which one `during` around them all would fight over.
    let feedback = streaming && argv.first != "run" ? progress : nil
    let bridge = ScriptOutputBridge(
      streamingTo: streaming ? context.output : nil, beforeWrite: { feedback?.clear() })
    var shellContext = CommandContext(
      environment: environment, output: bridge, lockWait: lockWait, runner: runner)
    shellContext.terminal = terminal && streaming
    let result: CommandResult
    if let help = HelpText.answer(argv) {
      bridge.write(help)
      result = .ok()
    } else if let feedback {
      result = await feedback.during(argv.joined(separator: " ")) {
        await CommandTable.run(argv, in: shellContext)
      }
    } else {
      result = await CommandTable.run(argv, in: shellContext)
    }
    if let problem = result.infrastructureProblem { infrastructure?.record(problem) }
    try Task.checkCancellation()
    let errors = bridge.errorMessages
    if streaming, argv.first == "run", result.status != .ok, errors.isEmpty {
      // The scripts' own reports (diagnostics, FAIL/INVALID lines) were streamed above; the
      // outer script says once which `run` did not pass, without repeating them as notes.
      throw CommandHostError(
        "'\(argv.joined(separator: " "))' did not pass (exit \(result.status.rawValue))")
    }
    if let message = errors.first, result.status == .usage || (streaming && result.status != .ok) {
      throw CommandHostError(message, notes: Array(errors.dropFirst()))
    }
    return CCMLang.CommandResult(
      code: Int(result.status.rawValue), out: bridge.standardOutput, err: bridge.standardError,
      fields: ValueMapping.fields(for: argv, value: result.value))
  }

  /// `bogus x` would reach the node table as node `bogus` with command `x` and read
  /// "unexpected argument"; in a script that is far more likely a misspelt command.
  static func unknownCommand(_ argv: [String]) -> CommandHostError? {
    guard argv.count >= 2, let first = argv.first, !first.hasPrefix("-"), first != "help",
      !CommandTable.clusterCommandNames.contains(first),
      !CommandTable.nodeCommands.contains(where: { $0._commandName == argv[1] })
    else { return nil }
    let nodeCommands = CommandTable.nodeCommands.map { $0._commandName }.joined(separator: ", ")
    return CommandHostError(
      "unknown command '\(first)'",
      notes: ["if '\(first)' is a node, '\(argv[1])' is not a node command (\(nodeCommands))"])
  }
}
