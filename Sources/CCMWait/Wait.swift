/// The one wait engine, shared by cluster operations (CCMCore) and `wait until` (CCMLang): look,
/// sleep `interval`, look again, until the condition holds or the deadline passes.
///
/// The probe decides: `.done` ends the wait, `.pending` keeps it going, and a thrown error ends it
/// at once (a container that exited while we waited for its ready line is not worth waiting on).
/// A probe that wants errors to mean "not yet" catches them and returns `.pending`.
public enum Wait {
  /// Polls `probe` under `policy` on `clock`; throws `WaitTimeout` naming `subject` when time
  /// runs out, and `CancellationError` as soon as the task is cancelled. `observer`, when
  /// given, hears the start, each unsatisfied try, and the end (whatever the outcome).
  @discardableResult
  public static func until<Value: Sendable>(
    _ subject: String, policy: WaitPolicy, clock: any WaitClock = SystemClock(),
    observer: WaitObserver? = nil,
    probe: () async throws -> WaitProbe<Value>
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
    var lastObservation = "nothing observed yet"
    while true {
      try Task.checkCancellation()
      tries += 1
      switch try await probe() {
      case .done(let value):
        satisfied = true
        return value
      case .pending(let reason): lastObservation = reason
      }
      report(.tried)
      let waited = clock.now() - start
      guard waited < policy.timeout else {
        throw WaitTimeout(
          subject: subject, waited: waited, tries: tries, lastObservation: lastObservation)
      }
      try await clock.sleep(for: min(policy.interval, policy.timeout - waited))
    }
  }
}
