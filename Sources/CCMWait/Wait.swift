/// The one wait engine, shared by cluster operations (CCMCore) and `wait until` (CCMLang): look,
/// sleep `interval`, look again, until the condition holds or the deadline passes.
///
/// The probe decides: `.done` ends the wait, `.pending` keeps it going, and a thrown error ends it
/// at once (a container that exited while we waited for its ready line is not worth waiting on).
/// A probe that wants errors to mean "not yet" catches them and returns `.pending`.
public enum Wait {
  /// What `WaitTimeout.lastObservation` says when the deadline cut a probe short.
  public static let probeStillRunning = "the last try was still running at the deadline"
  /// Added to the last completed observation when a later try was cut short.
  public static let nextTryStillRunning = "a later try was still running at the deadline"

  /// Polls `probe` under `policy` on `clock`, each probe under the time that remains: at the
  /// deadline the running probe is cancelled and left behind, so the wait ends on time whatever the
  /// probe does.
  ///
  /// Throws `WaitTimeout` naming `subject` when time runs out, and `CancellationError` as soon as
  /// the task is cancelled. `observer`, when given, hears the start, each unsatisfied try, and the
  /// end (whatever the outcome).
  @discardableResult
  public static func bounded<Value: Sendable>(
    _ subject: String, policy: WaitPolicy, clock: any WaitClock = SystemClock(),
    observer: WaitObserver? = nil,
    probe: @escaping @Sendable () async throws -> WaitProbe<Value>
  ) async throws -> Value {
    try await poll(subject, policy: policy, clock: clock, observer: observer) { remaining in
      // Only the first look of `timeout 0s` has no time at all: it runs unbounded (each probe
      // bounds its own commands), or no zero timeout could ever see its condition hold.
      if remaining == .zero { return try await probe() }
      do {
        return try await withDeadline(remaining, clock: clock, probe)
      } catch is DeadlineExceeded {
        return nil
      }
    }
  }

  /// As `bounded`, for probes that cannot be sent to another task (they capture non-Sendable
  /// values): the deadline is checked between probes only, so each probe must bound itself (every
  /// child process has a timeout).
  ///
  /// Prefer `bounded`.
  @discardableResult
  public static func until<Value: Sendable>(
    _ subject: String, policy: WaitPolicy, clock: any WaitClock = SystemClock(),
    observer: WaitObserver? = nil,
    probe: () async throws -> WaitProbe<Value>
  ) async throws -> Value {
    try await poll(subject, policy: policy, clock: clock, observer: observer) { _ in
      try await probe()
    }
  }

  /// The loop: `look` gets the time that remains and returns nil when the deadline cut it short.
  private static func poll<Value: Sendable>(
    _ subject: String, policy: WaitPolicy, clock: any WaitClock, observer: WaitObserver?,
    look: (Duration) async throws -> WaitProbe<Value>?
  ) async throws -> Value {
    let start = clock.now()
    let id = WaitProgress.nextID()
    var tries = 0
    var satisfied = false
    func report(_ phase: WaitProgress.Phase) {
      observer?(
        WaitProgress(
          id: id, phase: phase, subject: subject, elapsed: clock.now() - start,
          timeout: policy.timeout, tries: tries))
    }
    report(.started)
    defer { report(.ended(satisfied: satisfied)) }
    var lastObservation: String?
    var lastTryCut = false
    func timedOut() -> WaitTimeout {
      // A try the deadline cut short saw nothing: the last completed one is the news.
      var seen = lastObservation ?? (lastTryCut ? probeStillRunning : "nothing observed yet")
      if lastTryCut, lastObservation != nil { seen += " (\(nextTryStillRunning))" }
      return WaitTimeout(
        subject: subject, waited: clock.now() - start, tries: tries, lastObservation: seen)
    }
    while true {
      try Task.checkCancellation()
      let remaining = policy.timeout - (clock.now() - start)
      // The first look always happens (`timeout 0s` looks once); later ones need time left, or
      // they would be cut at once and say nothing.
      if tries > 0, remaining <= .zero { throw timedOut() }
      tries += 1
      switch try await look(max(.zero, remaining)) {
      case .done(let value)?:
        satisfied = true
        return value
      case .pending(let reason)?:
        lastObservation = reason
        lastTryCut = false
      case nil: lastTryCut = true
      }
      report(.tried)
      let waited = clock.now() - start
      guard waited < policy.timeout else { throw timedOut() }
      try await clock.sleep(for: min(policy.interval, policy.timeout - waited))
    }
  }
}
