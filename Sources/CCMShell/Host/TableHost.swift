import CCMCore
import CCMLang

/// CCMLang's `CommandHost` over the command table, so a line in a script or at `ccmsh>` runs
/// exactly what `ccmsh <line>` runs on the shell.
///
/// In statement position the command's text streams to the script's output; in `$(…)` it is
/// only captured, and the result carries the fields the command declares
/// (`ShellCommand.scriptFields`). The command's failure arrives as a value, never as text read
/// back: a usage error, and in statement position any failure, is thrown as
/// `CommandHostError`, so the script reports it once, at its line; in `$(…)` it becomes the
/// result's `failure`, which names the command, its exit and its error.
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
  /// Asks before a destructive command typed at the prompt (`Confirmer`); nil elsewhere.
  var confirmation: Confirmer?
  /// The clusters the script touches (`run --logs`, `--bundle`); nil in the REPL.
  var touched: TouchedClusters?

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
    shellContext.confirmation = confirmation
    shellContext.touched = touched
    let outcome: CommandOutcome
    if let help = HelpText.answer(argv) {
      switch help {
      case .help(let text):
        // Typed at the prompt, long help goes through the pager (`HelpPager`).
        var paged = false
        if terminal && streaming { paged = await HelpPager.page(text, environment: environment) }
        if !paged { bridge.write(text) }
        outcome = .ok()
      case .unknown(let message):
        outcome = .failed(ErrorReport.usage(message))
      }
    } else if let feedback {
      outcome = await feedback.during(argv.joined(separator: " ")) {
        await CommandTable.outcome(of: argv, in: shellContext)
      }
    } else {
      outcome = await CommandTable.outcome(of: argv, in: shellContext)
    }
    if let problem = outcome.infrastructureProblem { infrastructure?.record(problem) }
    try Task.checkCancellation()
    if streaming, argv.first == "run", outcome.status != .ok, outcome.failure == nil {
      // The scripts' own reports (diagnostics, FAIL/INVALID lines) were streamed above; the
      // outer script says once which `run` did not pass, without repeating them as notes.
      throw CommandHostError(
        "'\(argv.joined(separator: " "))' did not pass (exit \(outcome.status.rawValue))")
    }
    if let failure = outcome.failure, failure.isUsage || streaming {
      throw CommandHostError(failure.message, notes: failure.notes)
    }
    let code = Int(outcome.status.rawValue)
    // `.err` reads as on the shell: the command's stderr, then its error line.
    let errorLine = outcome.failure.map { ErrorReport.line($0.text) } ?? ""
    return CCMLang.CommandResult(
      code: code, out: bridge.standardOutput, err: bridge.standardError + errorLine,
      fields: ValueMapping.fields(outcome.fields),
      failure: outcome.failure.map { Self.account(of: argv, code: code, $0) },
      isPermanent: outcome.failure?.isPermanent ?? false)
  }

  /// A failed command in one line, for the script: which command, its exit, its error
  /// (`` `node1 nodetool status` failed (exit 1): node1: nodetool exited with status 1: … ``).
  static func account(of argv: [String], code: Int, _ failure: CommandFailure) -> String {
    "`\(argv.joined(separator: " "))` failed (exit \(code)): \(failure.message)"
  }

  /// `bogus x` would reach the node table as node `bogus` with command `x` and read
  /// "unexpected argument"; it is far more likely a misspelt command (`CommandSpelling`, as the
  /// shell and `ccmsh check` say it).
  static func unknownCommand(_ argv: [String]) -> CommandHostError? {
    guard let problem = CommandSpelling.problem(argv) else { return nil }
    return CommandHostError(problem.message, notes: problem.notes)
  }
}
