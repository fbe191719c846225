import Foundation

/// The image supervisor's lines that say the server died, as supervisord words them:
/// `INFO exited: scylla (exit status 1; not expected)`,
/// `INFO exited: scylla (terminated by SIGKILL; not expected)`,
/// `INFO gave up: scylla entered FATAL state, too many start retries too quickly`.
///
/// Why: in the official image PID 1 is supervisord, which outlives the server, so a crash at
/// start does not end the container; without these lines a start would wait out its timeout.
/// An expected exit (`...; expected)`, a stop) is not a death.
enum ServerDeath {
  /// What the supervisor said (`exit status 1; not expected`, `FATAL state...`), or nil.
  static func match(_ line: String) -> String? {
    let line = line.trimmingCharacters(in: .whitespacesAndNewlines)
    if let start = line.range(of: "exited: scylla ("), line.hasSuffix("; not expected)") {
      return String(line[start.upperBound..<line.index(before: line.endIndex)])
    }
    if line.contains("gave up: scylla entered FATAL state") {
      return "gave up: entered FATAL state"
    }
    return nil
  }
}
