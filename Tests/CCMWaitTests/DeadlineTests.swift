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

  @Test func aProbeCutShortAtTheDeadlineTimesTheWaitOut() async throws {
    let clock = ManualClock()
    let tries = Mutex(0)
    do {
      let _: Int = try await Wait.bounded(
        "slow", policy: WaitPolicy(timeout: .seconds(10), interval: .seconds(1)), clock: clock
      ) {
        // Each look "takes" 4 s: looks start at 0, 5 and 10 s; the third has no time left.
        tries.withLock { $0 += 1 }
        clock.advance(by: .seconds(4))
        return .pending(reason: "not yet")
      }
      Issue.record("no timeout")
    } catch let timeout as WaitTimeout {
      #expect(timeout.tries == 3)
      #expect(timeout.lastObservation == Wait.probeStillRunning)
    }
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
