import CCMCore
import CCMLang
import Foundation
import Synchronization

/// Runs scripts one after another, each in a fresh evaluator, and turns each into a
/// `TestCaseRecord`.
///
/// Used by `run`, `-c` and a script on stdin.
struct ScriptRunner: Sendable {
  var setup: ScriptSetup
  /// Where the scripts' output and the failure reports go.
  var output: any OutputSink
  /// Where failed scripts' node logs go (`--logs`).
  var logs: LogCollector?
  /// Print `PASS path` / `FAIL path` after each script (`run`).
  var announces = false
  /// `run --bisect`: a failed script during which a command failed for an infrastructure
  /// reason counts as an infrastructure failure (exit 125), not as the scenario failing.
  var bisect = false

  /// Runs the script at `path`.
  func run(path: String) async -> TestCaseRecord {
    await run(name: path) { evaluator in await evaluator.run(path: path) }
  }

  /// Runs bytes that are not a file (stdin), decoded as strictly as a file.
  func run(bytes: Data, name: String) async -> TestCaseRecord {
    await run(name: name) { evaluator in await evaluator.run(bytes: bytes, name: name) }
  }

  /// Runs text that is not a file (`-c`); `name` is what diagnostics call it.
  func run(text: String, name: String) async -> TestCaseRecord {
    await run(name: name) { evaluator in await evaluator.run(SourceFile(name: name, text: text)) }
  }

  private func run(name: String, _ body: (Evaluator) async -> ScriptOutcome) async
    -> TestCaseRecord
  {
    let transcript = Mutex("")
    let output = self.output
    let sink = CCMLang.OutputSink { text, stream in
      transcript.withLock { $0 += text }
      if stream == .out { output.write(text) } else { output.writeError(text) }
    }
    var setup = self.setup
    let touched = TouchedClusters()
    setup.touched = touched
    let seed = setup.seed
    let collected = Mutex(false)
    let onFailure = logs.map { logs in
      { @Sendable (failure: ScriptFailure) async in
        await logs.collect(
          script: name, failure: failure, seed: seed, clusters: touched.all, to: output)
        collected.withLock { $0 = true }
      }
    }
    let infrastructure = InfrastructureLog()
    setup.infrastructure = infrastructure
    let outcome = await body(setup.evaluator(output: sink, onFailure: onFailure))
    logs?.writeSteps(script: name, outcome: outcome)
    if outcome.status != .passed && outcome.status != .cancelled {
      output.writeError(outcome.report)
      output.writeError(RunSeed.line(outcome.seed))
    }
    var record = TestCaseRecord(
      name: name, outcome: outcome, output: transcript.withLock { $0 })
    record.clusters = touched.all
    if collected.withLock({ $0 }) { record.logs = logs?.destination(for: name) }
    if bisect, outcome.status == .failed, let problem = infrastructure.first {
      record.infrastructureProblem = problem
      output.writeError(
        "\(ProgramName.current): note: an infrastructure failure: exit 125 under --bisect\n")
    }
    if announces { output.writeError(Self.summaryLine(record)) }
    return record
  }

  /// `PASS path (3 checks, 1.234s)`, `FAIL …`, `INVALID …`, `INTERRUPTED …`.
  static func summaryLine(_ record: TestCaseRecord) -> String {
    let word: String
    switch record.outcome.status {
    case .passed: word = "PASS"
    case .failed: word = "FAIL"
    case .invalid: word = "INVALID"
    case .cancelled: word = "INTERRUPTED"
    }
    let checks = record.outcome.checks == 1 ? "1 check" : "\(record.outcome.checks) checks"
    return
      "\(word) \(record.name) (\(checks), \(TestCaseRecord.seconds(record.outcome.duration))s)\n"
  }
}
