import CCMLang
import CCMWait
import Synchronization
import Testing

/// `EvaluatorOptions.waitObserver` on a `ManualClock`: start, each unsatisfied try, end.
@Suite struct WaitObserverTests {
  final class Recorder: Sendable {
    let events = Mutex<[WaitProgress]>([])
    var observer: WaitObserver { { [self] event in events.withLock { $0.append(event) } } }
    var all: [WaitProgress] { events.withLock { $0 } }
  }

  private func run(_ text: String, _ recorder: Recorder) async -> ScriptOutcome {
    let harness = Harness()
    var options = harness.options
    options.waitObserver = recorder.observer
    return await Evaluator(host: harness.host, options: options).run(
      SourceFile(name: "test.ccm", text: text))
  }

  @Test func reportsStartTriesAndSatisfiedEnd() async {
    let recorder = Recorder()
    let outcome = await run("wait until $(counter c).value >= 3 timeout 10s every 1s", recorder)
    #expect(outcome.status == .passed)
    let events = recorder.all
    #expect(events.map(\.phase) == [.started, .tried, .tried, .ended(satisfied: true)])
    #expect(events.allSatisfy { $0.subject == "$(counter c).value >= 3" })
    #expect(events.allSatisfy { $0.timeout == .seconds(10) })
    #expect(events.map(\.elapsed) == [.zero, .zero, .seconds(1), .seconds(2)])
    #expect(events.map(\.tries) == [0, 1, 2, 3])
    #expect(Set(events.map(\.id)).count == 1)
  }

  @Test func reportsAnUnsatisfiedEndOnTimeout() async {
    let recorder = Recorder()
    let outcome = await run("wait until false timeout 2s every 1s else { echo gave up }", recorder)
    #expect(outcome.status == .passed)
    let events = recorder.all
    #expect(events.first?.phase == .started)
    #expect(events.last?.phase == .ended(satisfied: false))
    #expect(events.last?.elapsed == .seconds(2))
    #expect(events.last?.tries == 2)
  }

  @Test func parallelWaitsHaveTheirOwnIDs() async {
    let recorder = Recorder()
    let outcome = await run(
      """
      parallel {
        wait until $(counter a).value >= 2 timeout 10s
        wait until $(counter b).value >= 3 timeout 10s
      }
      """, recorder)
    #expect(outcome.status == .passed)
    let events = recorder.all
    #expect(Set(events.map(\.id)).count == 2)
    #expect(events.filter { $0.phase == .started }.count == 2)
    #expect(events.filter { $0.phase == .ended(satisfied: true) }.count == 2)
  }
}
