import CCMLang
import CCMWait
import Foundation
import Testing

/// `wait until` owns its deadline: a slow probe cannot stretch `timeout`.
@Suite struct WaitDeadlineTests {
  @Test func aProbeThatTakesLongerThanTheTimeoutEndsTheWaitAtTheDeadline() async {
    let clock = ManualClock()
    let host = FakeHost { argv, _ in
      guard argv == ["slow"] else { return nil }
      clock.advance(by: .seconds(4))
      return CommandResult(out: "x")
    }
    var options = Harness(host: host).options
    options.clock = clock
    let outcome = await Evaluator(host: host, options: options).run(
      SourceFile(name: "w.ccm", text: "wait until $(slow) == \"y\" timeout 1s"))
    #expect(outcome.failures.first?.message == "timed out after 4s waiting until $(slow) == \"y\"")
    #expect(outcome.failures.first?.notes == ["1 try, \(Wait.probeStillRunning)"])
  }

  /// The review's measurement: `slow` takes 4 s and ignores cancellation; the wait used to
  /// fail after 4 s, and must now fail within a small grace of 1 s.
  @Test func aOneSecondWaitOnARealClockEndsNearOneSecond() async {
    let host = FakeHost { argv, _ in
      guard argv == ["slow"] else { return nil }
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().asyncAfter(deadline: .now() + 4) { continuation.resume() }
      }
      return CommandResult(out: "x")
    }
    var options = EvaluatorOptions()
    options.output = .discard
    let started = ContinuousClock.now
    let outcome = await Evaluator(host: host, options: options).run(
      SourceFile(name: "w.ccm", text: "wait until $(slow) == \"y\" timeout 1s"))
    let elapsed = ContinuousClock.now - started
    #expect(outcome.status == .failed)
    #expect(outcome.failures.first?.message.hasPrefix("timed out after 1") == true)
    #expect(elapsed >= .seconds(1) && elapsed < .milliseconds(1300), "took \(elapsed)")
  }

  /// Issue 21's h1 on the real clock: the note says the last value, not that a try was cut.
  @Test func aTimedOutWaitOnTheRealClockSaysItsLastValue() async {
    var options = EvaluatorOptions()
    options.output = .discard
    let outcome = await Evaluator(host: FakeHost(), options: options).run(
      SourceFile(name: "w.ccm", text: "let n = 1\nwait until n == 2 timeout 2s every 500ms"))
    let note = outcome.failures.first?.notes.first ?? ""
    #expect(note.hasSuffix(" tries, last values: n is 1"), "\(note)")
  }
}
