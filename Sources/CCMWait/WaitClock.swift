import Synchronization

/// Time for waits and `sleep`, injectable so tests never really sleep.
public protocol WaitClock: Sendable {
  /// Monotonic time since an arbitrary origin.
  func now() -> Duration
  /// Sleeps, or throws `CancellationError` as soon as the task is cancelled.
  func sleep(for duration: Duration) async throws
  /// Returns once `now()` has passed `deadline` (at once if it already has), or throws
  /// `CancellationError` as soon as the task is cancelled. Unlike `sleep(for:)`, it never
  /// moves a manual clock: a deadline waits for time to pass, it does not make time pass.
  func sleep(until deadline: Duration) async throws
}

extension WaitClock {
  public func sleep(until deadline: Duration) async throws {
    try await sleep(for: max(.zero, deadline - now()))
  }
}

/// The real clock.
public struct SystemClock: WaitClock {
  private let origin = ContinuousClock.now
  public init() {}
  public func now() -> Duration { ContinuousClock.now - origin }
  public func sleep(for duration: Duration) async throws {
    try await Task.sleep(for: duration)
  }
}

/// A virtual clock for tests: `sleep` advances time at once instead of waiting.
///
/// So a `wait … timeout 3m every 2s` runs its 90 tries in microseconds.
///
/// `advance(by:)` moves time by hand (for example from a fake command that "takes" 10 seconds).
/// `sleep(until:)` (a deadline) waits until someone moves time past it.
public final class ManualClock: WaitClock {
  private struct State {
    var elapsed: Duration = .zero
    var sleepers:
      [UInt64: (deadline: Duration, continuation: CheckedContinuation<Void, any Error>)] = [:]
    var nextID: UInt64 = 0
  }
  private let state = Mutex(State())

  public init() {}

  public func now() -> Duration { state.withLock { $0.elapsed } }

  public func advance(by duration: Duration) {
    let woken = state.withLock { state in
      state.elapsed += duration
      let due = state.sleepers.filter { $0.value.deadline < state.elapsed }
      for id in due.keys { state.sleepers[id] = nil }
      return due.values.map(\.continuation)
    }
    for continuation in woken { continuation.resume() }
  }

  public func sleep(for duration: Duration) async throws {
    try Task.checkCancellation()
    advance(by: duration)
    await Task.yield()
    try Task.checkCancellation()
  }

  public func sleep(until deadline: Duration) async throws {
    let id = state.withLock { state in
      state.nextID += 1
      return state.nextID
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation {
        (continuation: CheckedContinuation<Void, any Error>) in
        let passed = state.withLock { state in
          guard state.elapsed <= deadline, !Task.isCancelled else { return true }
          state.sleepers[id] = (deadline, continuation)
          return false
        }
        if passed { continuation.resume() }
      }
    } onCancel: {
      let continuation = state.withLock { $0.sleepers.removeValue(forKey: id)?.continuation }
      continuation?.resume(throwing: CancellationError())
    }
    try Task.checkCancellation()
  }
}
