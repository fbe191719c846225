/// How long a wait may last and how often it looks again.
///
/// Every wait in CCMCore takes one; there is no "wait forever".
public struct WaitPolicy: Sendable, Hashable {
  public var timeout: Duration
  public var interval: Duration

  public init(timeout: Duration, interval: Duration = .milliseconds(100)) {
    self.timeout = timeout
    self.interval = interval
  }

  /// ccm's `default_wait_for_binary_proto` (420 s): the start of one node.
  public static let nodeStart = WaitPolicy(timeout: .seconds(420))
  /// ccm's `default_wait_other_notice_timeout` (120 s).
  public static let otherNotice = WaitPolicy(timeout: .seconds(120))
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
  /// The last `pending` reason or error seen.
  public var lastObservation: String
}
