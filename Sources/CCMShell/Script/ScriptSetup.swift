import CCMCore
import CCMLang

/// What every evaluator of this process shares, whether it runs a file (`run`), `-c`, stdin
/// or the REPL: the command table as host, the environment, params and options.
struct ScriptSetup: Sendable {
  var environment: [String: String]
  /// `name=value` overrides of the scripts' `param`s.
  var params: [String: String] = [:]
  /// The params' names were checked against every script of the run: each script takes the
  /// overrides it declares and ignores the rest.
  var undeclaredParamsIgnored = false
  /// `--strict`: every `wait` must name its timeout.
  var strict = false
  /// Live feedback for long statement commands and, on the same line, for `wait until`
  /// (nil in tests).
  var progress: DelayedProgress?
  /// Notes commands that failed for infrastructure reasons (`run --bisect`).
  var infrastructure: InfrastructureLog?
  var lockWait: Duration = .seconds(2)
  /// Runs the container engine's CLI (a fake in tests).
  var runner: any ProcessRunning = SubprocessRunner()
  /// The REPL on a terminal: statements typed at the prompt may attach to it (`NODE cqlsh`).
  var terminal = false
  /// The REPL's question before a destructive command (nil everywhere else: never ask).
  var confirmation: Confirmer?
  /// Seeds every evaluator's random built-ins (`run --seed`, `CCMSH_SEED`).
  var seed = ScriptSeed.fresh()
  /// The clusters the script touches, noted by the table as its commands run.
  var touched: TouchedClusters?

  var host: TableHost {
    TableHost(
      environment: environment, lockWait: lockWait, runner: runner, progress: progress,
      infrastructure: infrastructure, terminal: terminal, confirmation: confirmation,
      touched: touched)
  }

  /// A fresh evaluator writing to `output`; `onFailure` runs before the top-level `defer`s of a
  /// failed script (`--logs`).
  ///
  /// `lintsCommands`: command lines are checked against the table
  /// before anything runs (the REPL runs each line at once and reports it as the CLI would).
  /// `holdsDefers`: top-level defers wait for the REPL session's end.
  func evaluator(
    output: CCMLang.OutputSink,
    onFailure: (@Sendable (ScriptFailure) async -> Void)? = nil,
    lintsCommands: Bool = true, holdsDefers: Bool = false
  ) -> Evaluator {
    var options = EvaluatorOptions()
    options.output = output
    if let line = progress?.line {
      let waits = WaitFeedback(line: line)
      options.waitObserver = waits.observer
      // Script output (`echo`, a branch's lines) clears the live line first.
      options.output = CCMLang.OutputSink { text, stream in
        line.interrupting { output.write(text, to: stream) }
      }
    }
    options.params = params
    options.undeclaredParamsIgnored = undeclaredParamsIgnored
    options.environment = environment
    options.requireWaitTimeout = strict
    options.seed = seed
    options.beforeCleanupOnFailure = onFailure
    options.commandLinter = lintsCommands ? CommandLint() : nil
    options.holdsTopLevelDefers = holdsDefers
    return Evaluator(host: host, options: options)
  }
}

extension OutputSink {
  /// This shell sink as the language's sink.
  var scriptSink: CCMLang.OutputSink {
    CCMLang.OutputSink { text, stream in
      if stream == .out { write(text) } else { writeError(text) }
    }
  }
}
