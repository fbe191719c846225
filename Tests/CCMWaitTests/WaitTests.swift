import CCMWait
import Synchronization
import Testing

/// The shared wait engine, on a manual clock: no test here really sleeps.
@Suite struct WaitTests {
  private struct Gone: Error {}

  @Test func returnsTheProbeValueAfterPendingLooks() async throws {
    let calls = Mutex(0)
    let value = try await Wait.until(
      "x", policy: WaitPolicy(timeout: .seconds(5), interval: .seconds(1)), clock: ManualClock()
    ) {
      let count = calls.withLock {
        $0 += 1; return $0
      }
      return count < 3 ? .pending(reason: "not yet") : .done(42)
    }
    #expect(value == 42)
    #expect(calls.withLock { $0 } == 3)
  }

  @Test func timesOutWithSubjectTriesAndLastObservation() async throws {
    let clock = ManualClock()
    do {
      let _: Int = try await Wait.until(
        "node9: the moon", policy: WaitPolicy(timeout: .seconds(10), interval: .seconds(3)),
        clock: clock
      ) { .pending(reason: "still dark") }
      Issue.record("no timeout")
    } catch let timeout as WaitTimeout {
      #expect(timeout.subject == "node9: the moon")
      #expect(timeout.lastObservation == "still dark")
      // Looks at 0, 3, 6 and 9 s; the last sleep is cut to the deadline, where a try would
      // have no time left, so none is made.
      #expect(timeout.tries == 4)
      #expect(timeout.waited == .seconds(10))
      #expect(clock.now() == .seconds(10))
    }
  }

  @Test func aZeroTimeoutLooksOnce() async throws {
    let calls = Mutex(0)
    await #expect(throws: WaitTimeout.self) {
      let _: Int = try await Wait.until(
        "once", policy: WaitPolicy(timeout: .zero), clock: ManualClock()
      ) {
        calls.withLock { $0 += 1 }
        return .pending(reason: "no")
      }
    }
    #expect(calls.withLock { $0 } == 1)
  }

  @Test func aProbeErrorEndsTheWaitAtOnce() async throws {
    let clock = ManualClock()
    await #expect(throws: Gone.self) {
      let _: Int = try await Wait.until(
        "x", policy: WaitPolicy(timeout: .seconds(30)), clock: clock
      ) {
        throw Gone()
      }
    }
    #expect(clock.now() == .zero)
  }

  @Test func cancellationStopsTheWait() async throws {
    let task = Task {
      let _: Int = try await Wait.until("forever", policy: WaitPolicy(timeout: .seconds(3600))) {
        .pending(reason: "no")
      }
    }
    task.cancel()
    await #expect(throws: CancellationError.self) { try await task.value }
  }
}
