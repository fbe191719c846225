import CCMCore
import CCMLang
import Foundation

/// `run --logs DIR`: when a script fails, every node's logs are copied to `DIR/<script>/`
/// before the script's `defer`s remove the cluster; the failure is written next to them.
struct LogCollector: Sendable {
  let directory: String
  let environment: [String: String]
  var runner: any ProcessRunning = SubprocessRunner()

  /// The destination for one script: `DIR/<file name without .ccm>`.
  func destination(for script: String) -> String {
    let name = (script as NSString).lastPathComponent
    let stem = name.hasSuffix(".ccm") ? String(name.dropLast(4)) : name
    return (directory as NSString).appendingPathComponent(stem.isEmpty ? "script" : stem)
  }

  /// Collects through the table's `collectlogs`, so logs are synced from the containers
  /// first; a note says so when it failed (no cluster, nothing started).
  func collect(script: String, failure: ScriptFailure, to output: any OutputSink) async {
    let target = destination(for: script)
    try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    try? Data(failure.description.utf8).write(
      to: URL(fileURLWithPath: (target as NSString).appendingPathComponent("failure.txt")))
    let captured = CapturedOutput()
    let context = CommandContext(environment: environment, output: captured, runner: runner)
    let outcome = await CommandTable.outcome(of: ["collectlogs", target], in: context)
    if outcome.status == .ok {
      output.writeError("ccmsh: logs of the failed run are in \(target)\n")
    } else {
      let reason = outcome.failure?.message ?? "exit \(outcome.status.rawValue)"
      output.writeError("ccmsh: could not collect node logs into \(target): \(reason)\n")
    }
  }
}
