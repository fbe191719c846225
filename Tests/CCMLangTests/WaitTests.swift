import CCMLang
import CCMWait
import Foundation
import Testing

/// `wait until` on a `ManualClock`: no test really sleeps.
@Suite struct WaitTests {
  @Test func waitSucceedsWhenTheConditionTurnsTrue() async {
    let harness = Harness()
    let outcome = await harness.run(
      "wait until $(counter c).value >= 3 timeout 10s every 1s\necho done")
    #expect(outcome.status == .passed)
    #expect(harness.output.lines == ["done"])
    #expect(harness.clock.now() == .seconds(2))
  }

  @Test func timeoutSaysConditionElapsedTriesAndLastValues() async {
    let harness = Harness()
    let outcome = await harness.run("wait until $(counter d).value == 100 timeout 5s every 2s")
    #expect(outcome.status == .failed)
    let failure = outcome.failures.first
    #expect(failure?.kind == .wait)
    #expect(failure?.message == "timed out after 5s waiting until $(counter d).value == 100")
    #expect(failure?.notes == ["3 tries, last values: $(counter d).value is 3"])
  }

  @Test func errorsCountAsNotYet() async {
    let host = FakeHost { argv, _ in
      guard argv == ["flaky"] else { return nil }
      struct Booting: Error, CustomStringConvertible {
        var description: String { "node is booting" }
      }
      throw Booting()
    }
    let harness = Harness(host: host)
    let outcome = await harness.run("wait until $(flaky).ok timeout 3s every 1s")
    #expect(outcome.failures.first?.notes == ["3 tries, last error: flaky: node is booting"])
    #expect(host.calls.count == 3)
  }

  /// A field of a failed command says why the command failed, so a wait that never saw the
  /// field ends with the command's failure, not "no field".
  @Test func aFailedCaptureReportsTheCommandsFailure() async {
    let failure = "`node1 nodetool status` failed (exit 1): Connection refused"
    let host = FakeHost { argv, _ in
      guard argv.first == "node1" else { return nil }
      return CommandResult(code: 1, err: "Connection refused\n", failure: failure)
    }
    let harness = Harness(host: host)
    let outcome = await harness.run(
      "wait until $(node1 nodetool status).rows[\"a\"].status == \"UN\" timeout 2s every 1s")
    #expect(outcome.failures.first?.notes == ["2 tries, last error: " + failure])
    let read = await Harness(host: host).run("let rows = $(node1 nodetool status).rows")
    #expect(read.failures.first?.message == failure)
    #expect(read.failures.first?.notes == ["a failed command has no field 'rows'"])
    let field = await Harness(host: host).run("let e = $(node1 nodetool status).error")
    #expect(field.status == .passed)
  }

  @Test func defaultIsTimeout60sEvery1s() async {
    let harness = Harness()
    let outcome = await harness.run("let ready = false\nwait until ready")
    #expect(outcome.failures.first?.message == "timed out after 1m waiting until ready")
    #expect(outcome.failures.first?.notes == ["60 tries, last value: false"])
  }

  @Test func elseBlockRunsInsteadOfFailing() async {
    let harness = Harness()
    let outcome = await harness.run("wait until false timeout 2s else { echo gave up }\necho after")
    #expect(outcome.status == .passed)
    #expect(harness.output.lines == ["gave up", "after"])
  }

  @Test func waitInsideAFunctionUsesItsParameters() async {
    let harness = Harness()
    let outcome = await harness.run(
      """
      fn wait_count(name, target, limit) {
        wait until $(counter $name).value == target timeout limit every 1s
      }
      wait_count a 3 1m
      wait_count b 100 2s
      """)
    #expect(
      outcome.failures.map(\.message) == [
        "timed out after 2s waiting until $(counter $name).value == target"
      ])
  }

  @Test func strictModeRequiresATimeout() {
    let preparation = Script.prepare(
      SourceFile(name: "s.ccm", text: "wait until true\nwait until true timeout 1s"),
      options: CheckOptions(requireWaitTimeout: true))
    #expect(
      preparation.diagnostics.map(\.summary) == [
        "1:1: 'wait' needs an explicit 'timeout' in strict mode"
      ])
  }

  @Test func timeoutMustBeADuration() async {
    let outcome = await Harness().run("wait until true timeout \"5\"")
    #expect(
      outcome.failures.first?.message
        == "expected a non-negative duration such as 30s (or a number of seconds), but this is \"5\""
    )
  }

  /// `timeout 2` is two seconds, as `sleep 2` and `--timeout 2` read a number.
  @Test func aNumberTimeoutIsSeconds() async {
    let harness = Harness()
    let outcome = await harness.run("wait until $(counter n).value > 99 timeout 2 every 1")
    #expect(
      outcome.failures.first?.message == "timed out after 2s waiting until $(counter n).value > 99")
    #expect(harness.clock.now() == .seconds(2))
  }

  /// `every 0s` looks no more often than every 100 ms (it made 136,804 tries in 1 s).
  @Test func everyZeroIsFlooredAtTheMinimumInterval() async {
    let outcome = await Harness().run("wait until $(counter z).value < 0 timeout 1s every 0s")
    #expect(
      outcome.failures.first?.notes.first?.hasPrefix("10 tries, ") == true, "\(outcome.failures)")
  }

  /// The trial's case: the note keeps what the last completed try saw.
  @Test func aTimedOutWaitOnAPlainExpressionSaysItsLastValue() async {
    let outcome = await Harness().run("let n = 2\nwait until n == 3 timeout 3s")
    #expect(outcome.failures.first?.notes == ["3 tries, last values: n is 2"])
  }

  /// The trial's `wait until $(node3 nodetool status).ok` on a stopped node: the note says why
  /// the command failed, not only that the condition was false.
  @Test func aFalseConditionOnAFailedCaptureSaysWhyItFailed() async {
    let failure = "`node3 nodetool status` failed (exit 1): node3: is not running (start it)"
    let host = FakeHost { argv, _ in
      guard argv.first == "node3" else { return nil }
      return CommandResult(code: 1, failure: failure)
    }
    let outcome = await Harness(host: host).run("wait until $(node3 nodetool status).ok timeout 5s")
    #expect(outcome.failures.first?.notes == ["5 tries, last value: false; \(failure)"])
  }

  /// "Never", not "not yet": a node that does not exist ends the wait at once with its error.
  @Test func aFailureThatCannotChangeEndsTheWaitAtOnce() async {
    let failure = "`node9 nodetool status` failed (exit 1): no node named 'node9' in cluster 'c'"
    let host = FakeHost { argv, _ in
      guard argv.first == "node9" else { return nil }
      return CommandResult(code: 1, failure: failure, isPermanent: true)
    }
    let harness = Harness(host: host)
    let outcome = await harness.run("wait until $(node9 nodetool status).ok timeout 30s")
    #expect(outcome.failures.first?.message == failure)
    #expect(outcome.failures.first?.notes == ["the wait ended at once: waiting cannot change this"])
    #expect(host.calls.count == 1)
    #expect(harness.clock.now() == .zero)
  }

  /// A permanent failure read by a condition that holds is no failure (`not $(node3 show).ok`
  /// after `node3 remove` waits for exactly that).
  @Test func aPermanentFailureThatSatisfiesTheConditionEndsTheWaitWell() async {
    let host = FakeHost { argv, _ in
      guard argv.first == "node9" else { return nil }
      return CommandResult(code: 1, failure: "no node9", isPermanent: true)
    }
    let outcome = await Harness(host: host).run("wait until not $(node9 show).ok timeout 30s")
    #expect(outcome.status == .passed)
  }

  /// An unknown command, a usage error and a condition that is not a bool never change either.
  @Test(arguments: [
    ("wait until $(unknownthing).ok timeout 30s", "unknown command 'unknownthing'"),
    ("let x = 5\nwait until x timeout 30s", "a condition must be a bool, but this is a number"),
    ("wait until $(print a).out timeout 30s", "a condition must be a bool, but this is a string"),
  ])
  func errorsThatCannotChangeEndTheWaitAtOnce(script: String, message: String) async {
    let harness = Harness()
    let outcome = await harness.run(script)
    #expect(outcome.failures.first?.message == message)
    #expect(harness.clock.now() == .zero)
  }

  @Test func cancellationInterruptsAWaitPromptly() async {
    let host = FakeHost()
    var options = EvaluatorOptions()
    options.output = .discard
    options.clock = SystemClock()
    let evaluator = Evaluator(host: host, options: options)
    let started = ContinuousClock.now
    let task = Task {
      await evaluator.run(
        SourceFile(name: "c.ccm", text: "wait until $(counter x).value < 0 timeout 1h every 1h"))
    }
    while host.calls.isEmpty { await Task.yield() }
    task.cancel()
    let outcome = await task.value
    #expect(outcome.status == .cancelled)
    #expect(ContinuousClock.now - started < .seconds(5))
  }

  @Test func cancellationInterruptsAHostCommandAndStillRunsDefers() async {
    let host = FakeHost()
    let output = OutputBuffer()
    var options = EvaluatorOptions()
    options.output = output.sink
    let evaluator = Evaluator(host: host, options: options)
    let task = Task {
      await evaluator.run(SourceFile(name: "c.ccm", text: "defer { echo cleaned }\nhang"))
    }
    while host.calls.isEmpty { await Task.yield() }
    task.cancel()
    #expect(await task.value.status == .cancelled)
    #expect(output.lines == ["cleaned"])
  }
}
