import CCMLang

/// One script as a test case: what it was, how it ended, what it printed.
///
/// The reports (JUnit, TAP) are pure functions of a list of these.
struct TestCaseRecord: Sendable {
  /// The script's path as given on the command line.
  let name: String
  let outcome: ScriptOutcome
  /// Everything the script printed (stdout and stderr, interleaved), for `<system-out>`.
  let output: String
  /// Set when the run counts as an infrastructure failure (`--bisect`), with the reason.
  var infrastructureProblem: String?
  /// The clusters the script created or acted on (`run --bundle` packs their files).
  var clusters: [TouchedClusters.Entry] = []
  /// Where `run --logs` put this script's failure and node logs, when it did.
  var logs: String?
  /// The run was interrupted before this script started: reported as skipped, not lost.
  var skipped = false

  /// Why a skipped script did not run.
  static let notRunReason = "not run: the run was interrupted before this script"

  /// A script the interrupted run never reached.
  static func notRun(_ name: String) -> TestCaseRecord {
    var record = TestCaseRecord(
      name: name, outcome: ScriptOutcome(file: name, status: .cancelled), output: "")
    record.skipped = true
    return record
  }

  var status: ExitStatus {
    infrastructureProblem == nil ? ExitStatus(outcome.status) : .infrastructure
  }

  var passed: Bool { status == .ok }

  /// Whole milliseconds the script ran.
  var milliseconds: Int64 { Self.milliseconds(outcome.duration) }

  static func milliseconds(_ duration: Duration) -> Int64 {
    let (whole, fraction) = duration.components
    return whole * 1000 + fraction / 1_000_000_000_000_000
  }

  /// `12.345`: seconds with millisecond precision, as JUnit prints them.
  static func seconds(_ duration: Duration) -> String {
    let milliseconds = milliseconds(duration)
    return "\(milliseconds / 1000)." + String(String(milliseconds % 1000 + 1000).dropFirst())
  }
}
