import Foundation

/// Time for waits and `sleep`, injectable so tests never really sleep.
public protocol WaitClock: Sendable {
  /// Monotonic time since an arbitrary origin.
  func now() -> Duration
  /// Sleeps, or throws `CancellationError` as soon as the task is cancelled.
  func sleep(for duration: Duration) async throws
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

/// A virtual clock for tests: `sleep` advances time at once instead of waiting, so a
/// `wait … timeout 3m every 2s` runs its 90 tries in microseconds. `advance(by:)` moves time
/// by hand (for example from a fake command that "takes" 10 seconds).
public final class ManualClock: WaitClock, @unchecked Sendable {
  private let lock = NSLock()
  private var elapsed: Duration = .zero

  public init() {}

  public func now() -> Duration { lock.withLock { elapsed } }

  public func advance(by duration: Duration) { lock.withLock { elapsed += duration } }

  public func sleep(for duration: Duration) async throws {
    try Task.checkCancellation()
    advance(by: duration)
    await Task.yield()
    try Task.checkCancellation()
  }
}
