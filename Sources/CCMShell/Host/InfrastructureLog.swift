import Synchronization

/// The infrastructure failures (`CommandOutcome.infrastructureProblem`) seen while one script
/// ran, so `run --bisect` can tell "the scenario failed" from "the machine could not run it".
final class InfrastructureLog: Sendable {
  private let problems = Mutex<[String]>([])

  func record(_ problem: String) { problems.withLock { $0.append(problem) } }

  /// The first one seen: usually the cause of the rest.
  var first: String? { problems.withLock { $0.first } }
}
