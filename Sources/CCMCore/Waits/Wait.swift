/// The one wait engine: look, sleep `interval`, look again, until the condition holds or the
/// deadline passes.
///
/// The probe decides: `.done` ends the wait, `.pending` keeps it going, and a thrown error ends it
/// at once (a container that exited while we waited for its ready line is not worth waiting on).
public enum Wait {
  /// Polls `probe` under `policy`; throws `WaitTimeout` naming `subject` when time runs out.
  public static func until<Value: Sendable>(
    _ subject: String, policy: WaitPolicy,
    probe: () async throws -> WaitProbe<Value>
  ) async throws -> Value {
    let clock = ContinuousClock()
    let start = clock.now
    let deadline = start + policy.timeout
    var lastObservation = "nothing observed yet"
    while true {
      try Task.checkCancellation()
      switch try await probe() {
      case .done(let value): return value
      case .pending(let reason): lastObservation = reason
      }
      let now = clock.now
      guard now < deadline else {
        throw WaitTimeout(
          subject: subject, waited: now - start, lastObservation: lastObservation)
      }
      try await Task.sleep(for: min(policy.interval, deadline - now))
    }
  }
}
