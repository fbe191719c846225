import Synchronization

/// What a wait reports to its observer: once when it starts, after each try, and once when it
/// ends, so a shell can show "waiting until … 4s / 1m00s" without knowing how waits poll.
public struct WaitProgress: Sendable, Equatable {
  public enum Phase: Sendable, Equatable {
    case started
    /// After a try that did not satisfy the condition.
    case tried
    /// `satisfied` false: timed out, failed, or cancelled.
    case ended(satisfied: Bool)
  }

  /// Tells concurrent waits apart (a `parallel` block may wait in several branches at once).
  public var id: UInt64
  public var phase: Phase
  /// What is awaited: a condition's source text, or "node2 to be UN".
  public var subject: String
  public var elapsed: Duration
  public var timeout: Duration
  public var tries: Int

  public init(
    id: UInt64, phase: Phase, subject: String, elapsed: Duration, timeout: Duration, tries: Int
  ) {
    self.id = id
    self.phase = phase
    self.subject = subject
    self.elapsed = elapsed
    self.timeout = timeout
    self.tries = tries
  }

  private static let counter = Atomic<UInt64>(0)

  /// A process-unique id for a new wait.
  static func nextID() -> UInt64 {
    counter.wrappingAdd(1, ordering: .relaxed).newValue
  }
}

/// Receives a wait's progress; called on the waiting task, so it must be quick.
public typealias WaitObserver = @Sendable (WaitProgress) -> Void
