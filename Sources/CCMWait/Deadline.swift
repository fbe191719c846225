import Synchronization

/// The deadline passed before the work finished.
public struct DeadlineExceeded: Error, Sendable, Equatable {
  /// The time the work was given.
  public var limit: Duration

  public init(limit: Duration) { self.limit = limit }
}

/// What happens to the body when the deadline passes (or the caller is cancelled).
public enum DeadlineEnd: Sendable, Equatable {
  /// The body is cancelled and left behind: the caller goes on at once, whatever the body does
  /// (the waits: a probe that hangs cannot stretch `timeout`).
  case abandonBody
  /// The body is cancelled and awaited: the caller goes on once the body has ended, so what it
  /// cleans up on cancellation (a child process it kills) is gone by then. The body must end
  /// promptly when cancelled (the process runner's teardown is bounded).
  case awaitBody
}

/// Runs `body` in its own task and returns its result, or throws `DeadlineExceeded` once
/// `limit` has passed on `clock`.
///
/// At the deadline the body's task is cancelled; with `.abandonBody` (the default) it is left
/// behind, not awaited, so a body that ignores cancellation (a hung read, a blocking call)
/// cannot hold the caller; with `.awaitBody` the caller waits for it to end. A result that
/// arrives at or after the deadline counts as late, so a body that moves a manual clock to the
/// deadline itself times out, as it would have in real time (where a try given no time at all
/// can never finish inside it). Cancelling the caller cancels
/// the body and throws `CancellationError` (at once, or once the body ended with `.awaitBody`).
public func withDeadline<T: Sendable>(
  _ limit: Duration, clock: any WaitClock = SystemClock(), atDeadline: DeadlineEnd = .abandonBody,
  _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
  let end = clock.now() + limit
  let race = DeadlineRace<T>()
  return try await withTaskCancellationHandler {
    try await withCheckedThrowingContinuation { continuation in
      let work = Task {
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        if race.callerCancelled {
          race.settle(.failure(CancellationError()))
        } else {
          race.settle(clock.now() >= end ? .failure(DeadlineExceeded(limit: limit)) : result)
        }
      }
      let timer = Task {
        // Cancelled when the work settles first; then there is nothing left to do.
        guard (try? await clock.sleep(until: end)) != nil else { return }
        switch atDeadline {
        case .abandonBody: race.settle(.failure(DeadlineExceeded(limit: limit)))
        // The work settles itself, late, once its cancellation has run.
        case .awaitBody: work.cancel()
        }
      }
      race.start(continuation, tasks: [work, timer])
    }
  } onCancel: {
    switch atDeadline {
    case .abandonBody: race.settle(.failure(CancellationError()))
    case .awaitBody: race.cancelWork()
    }
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
    /// The caller was cancelled while the body is awaited (`.awaitBody`).
    var callerCancelled = false
  }

  private let state = Mutex(State())

  var callerCancelled: Bool { state.withLock { $0.callerCancelled } }

  /// The caller was cancelled and the body is to be awaited: cancel it (now, or at `start`);
  /// its end settles the race with `CancellationError`.
  func cancelWork() {
    let tasks = state.withLock { state -> [Task<Void, Never>] in
      state.callerCancelled = true
      return state.tasks
    }
    for task in tasks { task.cancel() }
  }

  func start(_ continuation: CheckedContinuation<T, any Error>, tasks: [Task<Void, Never>]) {
    let (early, cancelled): (Result<T, any Error>?, Bool) = state.withLock {
      if let early = $0.early { return (early, false) }
      $0.continuation = continuation
      $0.tasks = tasks
      return (nil, $0.callerCancelled)
    }
    if cancelled { for task in tasks { task.cancel() } }
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
