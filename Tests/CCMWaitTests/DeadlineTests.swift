import CCMWait
import Dispatch
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `withDeadline` and `Wait.bounded`: the deadline holds whatever the work does.
@Suite struct DeadlineTests {
  @Test func workThatFinishesInTimeGivesItsResult() async throws {
    let value = try await withDeadline(.seconds(5), clock: ManualClock()) { 7 }
    #expect(value == 7)
  }

  @Test func workThatMovesTimePastTheDeadlineIsLate() async throws {
    let clock = ManualClock()
    await #expect(throws: DeadlineExceeded(limit: .seconds(1))) {
      try await withDeadline(.seconds(1), clock: clock) {
        clock.advance(by: .seconds(4))
        return 7
      }
    }
  }

  /// `.awaitBody`: the caller goes on only once the cancelled body has cleaned up (the
  /// process runner: the child is gone when the call returns); `.abandonBody` does not wait.
  @Test(arguments: [DeadlineEnd.awaitBody, .abandonBody])
  func awaitingTheBodyLetsItsCleanUpFinishFirst(end: DeadlineEnd) async throws {
    let cleaned = Mutex(false)
    await #expect(throws: DeadlineExceeded(limit: .milliseconds(50))) {
      try await withDeadline(.milliseconds(50), atDeadline: end) {
        do {
          try await Task.sleep(for: .seconds(30))
        } catch {
          // A clean-up that takes a while and cannot be cut short (a process group's teardown).
          usleep(300_000)
          cleaned.withLock { $0 = true }
        }
      }
    }
    #expect(cleaned.withLock { $0 } == (end == .awaitBody))
  }

  @Test func cancellingTheCallerAwaitsTheBodyToo() async throws {
    let cleaned = Mutex(false)
    let started = Mutex(false)
    let caller = Task {
      try await withDeadline(.seconds(30), atDeadline: .awaitBody) {
        started.withLock { $0 = true }
        do {
          try await Task.sleep(for: .seconds(30))
        } catch {
          usleep(200_000)
          cleaned.withLock { $0 = true }
        }
      }
    }
    while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
    caller.cancel()
    await #expect(throws: CancellationError.self) { try await caller.value }
    #expect(cleaned.withLock { $0 })
  }

  @Test func theDeadlineCancelsWorkThatIsStillRunning() async throws {
    let clock = ManualClock()
    let cancelled = Mutex(false)
    let started = Mutex(false)
    let waiter = Task {
      try await withDeadline(.seconds(3), clock: clock) {
        started.withLock { $0 = true }
        do {
          try await Task.sleep(for: .seconds(3600))
        } catch {
          cancelled.withLock { $0 = true }
          throw error
        }
      }
    }
    while !started.withLock({ $0 }) { await Task.yield() }
    clock.advance(by: .seconds(2))
    clock.advance(by: .seconds(2))
    await #expect(throws: DeadlineExceeded.self) { try await waiter.value }
    // The work was cancelled, not awaited: it notices on its own thread, soon.
    let limit = ContinuousClock.now + .seconds(10)
    while !cancelled.withLock({ $0 }), ContinuousClock.now < limit {
      try await Task.sleep(for: .milliseconds(10))
    }
    #expect(cancelled.withLock { $0 })
  }

  @Test func cancellingTheCallerEndsAtOnce() async throws {
    let clock = ManualClock()
    let waiter = Task {
      try await withDeadline(.seconds(3), clock: clock) {
        try await Task.sleep(for: .seconds(3600))
      }
    }
    waiter.cancel()
    await #expect(throws: CancellationError.self) { try await waiter.value }
  }

  @Test func aProbeCutShortAtTheDeadlineKeepsTheLastCompletedObservation() async throws {
    let clock = ManualClock()
    let tries = Mutex(0)
    do {
      let _: Int = try await Wait.bounded(
        "slow", policy: WaitPolicy(timeout: .seconds(10), interval: .seconds(1)), clock: clock
      ) {
        // Each look "takes" 6 s: the first ends at 6 s; the second starts at 7 s and is cut.
        let count = tries.withLock {
          $0 += 1
          return $0
        }
        clock.advance(by: .seconds(6))
        return .pending(reason: "saw \(count)")
      }
      Issue.record("no timeout")
    } catch let timeout as WaitTimeout {
      #expect(timeout.tries == 2)
      #expect(timeout.lastObservation == "saw 1 (\(Wait.nextTryStillRunning))")
    }
  }

  /// The review's h1 on the manual clock: a try made with no time left used to be cut at once
  /// on the real clock (and succeed on this one), replacing what the wait had seen.
  @Test func noTryIsMadeWithNoTimeLeft() async throws {
    let clock = ManualClock()
    let tries = Mutex(0)
    do {
      let _: Int = try await Wait.bounded(
        "n == 2", policy: WaitPolicy(timeout: .seconds(2), interval: .seconds(1)), clock: clock
      ) {
        tries.withLock { $0 += 1 }
        return .pending(reason: "last values: n is 1")
      }
      Issue.record("no timeout")
    } catch let timeout as WaitTimeout {
      #expect(timeout.tries == 2)
      #expect(tries.withLock { $0 } == 2)
      #expect(timeout.lastObservation == "last values: n is 1")
      #expect(timeout.waited == .seconds(2))
    }
  }

  /// A try given no time at all cannot finish inside it, on either clock.
  @Test func workGivenNoTimeIsLate() async throws {
    await #expect(throws: DeadlineExceeded(limit: .zero)) {
      try await withDeadline(.zero, clock: ManualClock()) { 7 }
    }
  }

  /// `timeout 0s` still looks once (unbounded), so a condition that holds is seen.
  @Test func aZeroTimeoutStillSeesAConditionThatHolds() async throws {
    let value = try await Wait.bounded(
      "now", policy: WaitPolicy(timeout: .zero), clock: ManualClock()
    ) { .done(5) }
    #expect(value == 5)
  }

  /// The real-time bound: a probe that sleeps 4 s without looking at cancellation (a blocking
  /// call) still lets a 1 s wait end within a small grace of 1 s.
  @Test func aOneSecondWaitEndsNearOneSecondWhateverTheProbeDoes() async throws {
    let started = ContinuousClock.now
    await #expect(throws: WaitTimeout.self) {
      let _: Int = try await Wait.bounded("stuck", policy: WaitPolicy(timeout: .seconds(1))) {
        await Self.ignoringCancellation(for: .seconds(4))
        return .pending(reason: "not yet")
      }
    }
    let elapsed = ContinuousClock.now - started
    #expect(elapsed >= .seconds(1) && elapsed < .milliseconds(1300), "took \(elapsed)")
  }

  /// Sleeps `duration` and does not stop when cancelled (like a probe stuck in a call that
  /// knows nothing of tasks), without holding a thread of the cooperative pool.
  static func ignoringCancellation(for duration: Duration) async {
    let seconds = Double(duration.components.seconds)
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { continuation.resume() }
    }
  }
}
