import CCMLang

/// ccmsh's exit codes, all in one place (sysexits-style where one applies).
///
/// The same codes for one command (`ccmsh status`), a script (`ccmsh run`, `-c`, stdin) and
/// the REPL fed from a pipe.
enum ExitStatus: Int32, Sendable {
  /// Success; for scripts: every check passed.
  case ok = 0
  /// The command ran and failed (unknown cluster, lock held, I/O error, ...); for scripts: a
  /// check, a command or a wait failed (the scenario failed).
  case failure = 1
  /// Bad command line: unknown command or option, malformed argument (EX_USAGE).
  case usage = 64
  /// A script that does not parse or is statically invalid; nothing ran (EX_DATAERR).
  case invalidScript = 65
  /// Infrastructure problem that says nothing about the code under test (no container runtime,
  /// image missing, engine error: `isInfrastructure` in CCMCore) in a failed scenario; only
  /// under `run --bisect`, so that `git bisect run` skips the commit.
  case infrastructure = 125
  /// Interrupted by Ctrl-C (128 + SIGINT).
  case interrupted = 130
  /// Stopped by SIGTERM (128 + SIGTERM).
  case terminated = 143

  /// The status of one script's outcome.
  init(_ status: ScriptOutcome.Status) {
    switch status {
    case .passed: self = .ok
    case .failed: self = .failure
    case .invalid: self = .invalidScript
    case .cancelled: self = .interrupted
    }
  }

  /// The status of several scripts: the most severe one (interrupted, then infrastructure,
  /// invalid, failed, passed).
  static func combined(_ statuses: [ExitStatus]) -> ExitStatus {
    let order: [ExitStatus] = [
      .terminated, .interrupted, .infrastructure, .usage, .invalidScript, .failure,
    ]
    return order.first { statuses.contains($0) } ?? .ok
  }
}
