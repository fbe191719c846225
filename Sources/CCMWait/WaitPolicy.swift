/// How long a wait may last and how often it looks again.
///
/// Every wait takes one; there is no "wait forever".
public struct WaitPolicy: Sendable, Hashable {
  public var timeout: Duration
  public var interval: Duration

  public init(timeout: Duration, interval: Duration = .milliseconds(100)) {
    self.timeout = timeout
    self.interval = interval
  }
}

/// What one look at the awaited condition found.
public enum WaitProbe<Value: Sendable>: Sendable {
  /// The condition holds; the wait ends with this value.
  case done(Value)
  /// Not yet; `reason` is what was last seen, reported if the deadline passes.
  case pending(reason: String)
}

/// A wait whose deadline passed.
public struct WaitTimeout: Error, Sendable, Equatable {
  /// What was awaited ("node2: 'Starting listening for CQL clients' in system.log").
  public var subject: String
  public var waited: Duration
  /// How many times the condition was looked at.
  public var tries: Int
  /// The last `pending` reason or error seen.
  public var lastObservation: String

  public init(subject: String, waited: Duration, tries: Int, lastObservation: String) {
    self.subject = subject
    self.waited = waited
    self.tries = tries
    self.lastObservation = lastObservation
  }
}
