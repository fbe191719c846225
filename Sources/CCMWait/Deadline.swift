import Synchronization

/// The deadline passed before the work finished.
public struct DeadlineExceeded: Error, Sendable, Equatable {
  /// The time the work was given.
  public var limit: Duration

  public init(limit: Duration) { self.limit = limit }
}

/// Runs `body` in its own task and returns its result, or throws `DeadlineExceeded` once
/// `limit` has passed on `clock`, whatever `body` is doing.
///
/// At the deadline the body's task is cancelled and left behind, not awaited: a body that
/// ignores cancellation (a hung read, a blocking call) cannot hold the caller. A result that
/// arrives after the deadline counts as late, so a body that moves a manual clock past the
/// deadline itself times out, as it would have in real time. Cancelling the caller cancels
/// the body and throws `CancellationError` at once.
public func withDeadline<T: Sendable>(
  _ limit: Duration, clock: any WaitClock = SystemClock(),
  _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
  let end = clock.now() + limit
  let race = DeadlineRace<T>()
  return try await withTaskCancellationHandler {
    try await withCheckedThrowingContinuation { continuation in
      let work = Task {
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        race.settle(clock.now() > end ? .failure(DeadlineExceeded(limit: limit)) : result)
      }
      let timer = Task {
        // Cancelled when the work settles first; then there is nothing left to do.
        guard (try? await clock.sleep(until: end)) != nil else { return }
        race.settle(.failure(DeadlineExceeded(limit: limit)))
      }
      race.start(continuation, tasks: [work, timer])
    }
  } onCancel: {
    race.settle(.failure(CancellationError()))
  }
}

/// The first of the work, the timer and cancellation to settle resumes the caller once and
/// cancels both tasks; later settlements are ignored.
private final class DeadlineRace<T: Sendable>: Sendable {
  private struct State {
    var continuation: CheckedContinuation<T, any Error>?
    var tasks: [Task<Void, Never>] = []
    /// Set when a settlement came before `start` (the caller was already cancelled).
    var early: Result<T, any Error>?
    var settled = false
  }

  private let state = Mutex(State())

  func start(_ continuation: CheckedContinuation<T, any Error>, tasks: [Task<Void, Never>]) {
    let early: Result<T, any Error>? = state.withLock {
      if let early = $0.early { return early }
      $0.continuation = continuation
      $0.tasks = tasks
      return nil
    }
    guard let early else { return }
    for task in tasks { task.cancel() }
    continuation.resume(with: early)
  }

  func settle(_ result: Result<T, any Error>) {
    let (continuation, tasks): (CheckedContinuation<T, any Error>?, [Task<Void, Never>]) =
      state.withLock { state in
        guard !state.settled else { return (nil, []) }
        state.settled = true
        guard let continuation = state.continuation else {
          state.early = result
          return (nil, [])
        }
        let tasks = state.tasks
        state.continuation = nil
        state.tasks = []
        return (continuation, tasks)
      }
    for task in tasks { task.cancel() }
    continuation?.resume(with: result)
  }
}
