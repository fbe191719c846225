import CCMLang
import CCMWait
import Foundation
import Testing

/// The §B3.2 scenario (`Tests/Scripts/scenario`) against a stateful fake cluster.
@Suite struct ExampleScenarioTests {
  static let scenarioDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "Scripts/scenario"
    ).path

  /// Three nodes at 10.0.0.N; `stop` makes a node DN and `start` UN in everyone's
  /// `nodetool status`; `SELECT count` answers `visibleRows(round)`.
  final class FakeCluster: @unchecked Sendable {
    private let lock = NSLock()
    private var down: Set<Int> = []
    let visibleRows: @Sendable (String) -> Int

    init(visibleRows: @escaping @Sendable (String) -> Int = { _ in 50 }) {
      self.visibleRows = visibleRows
    }

    func answer(_ argv: [String]) -> CommandResult? {
      if argv == ["liveset"] {
        return CommandResult(fields: ["ips": .list((1...3).map { .string("10.0.0.\($0)") })])
      }
      guard let first = argv.first, first.hasPrefix("node"), let index = Int(first.dropFirst(4)),
        argv.count > 1
      else {
        return nil
      }
      switch argv[1] {
      case "show": return CommandResult(fields: ["address": .string("10.0.0.\(index)")])
      case "stop": lock.withLock { _ = down.insert(index) }
      case "start": lock.withLock { _ = down.remove(index) }
      case "nodetool": return CommandResult(fields: ["nodes": .map(status())])
      case "cqlsh" where argv.last?.contains("SELECT count") == true:
        let round =
          argv.last?.split(separator: "=").last?.split(separator: " ").first.map(String.init) ?? ""
        return CommandResult(fields: [
          "rows": .list([.map(["count": .number(Double(visibleRows(round)))])])
        ])
      default: break
      }
      return CommandResult()
    }

    private func status() -> ValueMap {
      let stopped = lock.withLock { down }
      return ValueMap(
        (1...3).map { index in
          let address = "10.0.0.\(index)"
          return (
            address,
            .map([
              "address": .string(address), "state": .string(stopped.contains(index) ? "DN" : "UN"),
            ])
          )
        })
    }
  }

  func runScenario(_ cluster: FakeCluster, params: [String: String] = [:]) async -> (
    FakeHost, OutputBuffer, ScriptOutcome
  ) {
    let host = FakeHost { argv, _ in cluster.answer(argv) }
    let output = OutputBuffer()
    var options = EvaluatorOptions()
    options.output = output.sink
    options.clock = ManualClock()
    options.params = params
    let evaluator = Evaluator(host: host, options: options)
    let outcome = await evaluator.run(
      path: Self.scenarioDirectory + "/examples/restart-loses-writes.ccm")
    return (host, output, outcome)
  }

  @Test func scenarioRunsWithTheExpectedCommandSequence() async {
    let (host, output, outcome) = await runScenario(
      FakeCluster(), params: ["image": "scylladb/scylla:6.2.0"])
    #expect(outcome.report == "")
    #expect(outcome.status == .passed)
    let lines = host.commandLines
    #expect(
      lines.prefix(3) == [
        "create repro --docker-image scylladb/scylla:6.2.0 -n 3", "start --wait-for-binary-proto",
        "liveset",
      ])
    #expect(lines.last == "remove repro")
    #expect(lines.filter { $0.contains("INSERT") }.count == 150)
    #expect(
      lines.filter {
        $0.contains(" stop") || $0.contains(" start") || $0.contains("pause")
          || $0.contains("resume")
      } == [
        "node2 pause", "node2 resume", "node2 stop --not-gently",
        "node2 start --wait-for-binary-proto",
        "node3 pause", "node3 resume", "node3 stop --not-gently",
        "node3 start --wait-for-binary-proto",
        "node1 pause", "node1 resume", "node1 stop --not-gently",
        "node1 start --wait-for-binary-proto",
      ])
    #expect(
      lines.contains("node3 cqlsh -x CONSISTENCY ONE; INSERT INTO ks.t (k, v) VALUES (50, 1)"))
    #expect(!lines.contains { $0.hasPrefix("collectlogs") })
    #expect(output.lines.contains("round 2 of 3: victim node3, writer node1"))
    #expect(outcome.checks == 3 + 3 + 9)
  }

  @Test func aFailedExpectCollectsEvidenceBeforeCleanup() async {
    let cluster = FakeCluster { round in round == "2" ? 49 : 50 }
    let (host, output, outcome) = await runScenario(cluster)
    #expect(outcome.status == .failed)
    #expect(outcome.failures.map(\.message) == ["round 2: 49/50 rows visible after node3 restart"])
    #expect(outcome.failures.first?.location.hasSuffix("restart-loses-writes.ccm:43") == true)
    let tail = host.commandLines.suffix(6)
    #expect(
      Array(tail) == [
        "node1 nodetool status", "node2 nodetool status", "node3 nodetool status",
        "collectlogs out/logs/restart-loses-writes", "checklogerror", "remove repro",
      ])
    #expect(
      output.lines.contains {
        $0.hasPrefix("FAILED at ")
          && $0.hasSuffix("round 2: 49/50 rows visible after node3 restart")
      })
  }
}
