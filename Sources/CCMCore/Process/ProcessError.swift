/// Failures of the process layer itself (not of the program that ran).
public enum ProcessError: Error, Sendable, Hashable {
  /// The deadline passed; the child's process group was terminated.
  case timedOut(argv: [String], after: Duration)
  /// The executable could not be started (missing, not executable...).
  case launchFailed(argv: [String], reason: String)
  /// A streaming child (`ProcessRunning.lines`) ended with a failure status.
  case failed(argv: [String], status: ProcessStatus, standardError: String)

  /// What went wrong and what to do about it, for the shell's one error renderer.
  public var message: String {
    switch self {
    case .timedOut(let argv, let after):
      "`\(argv.joined(separator: " "))` did not finish within \(after); it was stopped"
    case .launchFailed(let argv, let reason):
      "cannot start `\(argv.first ?? "")`: \(reason)"
    case .failed(let argv, let status, let stderr):
      "`\(argv.joined(separator: " "))` failed (\(status)): \(stderr)"
    }
  }
}
