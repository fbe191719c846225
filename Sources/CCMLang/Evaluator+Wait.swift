import CCMWait
import Synchronization

/// `wait until COND [timeout D] [every D] [else { … }]`, run by the shared wait engine.
extension Evaluator {
  func executeWait(_ wait: WaitStmt, at range: SourceRange, in scope: Scope, _ context: Context)
    async throws
  {
    let timeout = try await duration(
      wait.timeout, default: options.defaultTimeout, in: scope, context)
    // `every 0s` would try as fast as the host answers (a `$(nodetool …)` condition hammers a
    // shared engine): no wait looks more often than the floor.
    let interval = max(
      Self.minimumWaitInterval,
      try await duration(wait.interval, default: options.defaultInterval, in: scope, context))
    let policy = WaitPolicy(timeout: timeout, interval: interval)
    do {
      try await Wait.bounded(
        wait.condition.range.text, policy: policy, clock: options.clock,
        observer: options.waitObserver
      ) { () async throws -> WaitProbe<Bool> in
        let captures = FailedCaptures()
        var probing = context
        probing.failedCaptures = captures
        do {
          let (satisfied, operands) = try await self.evaluateExplained(
            wait.condition, in: scope, probing)
          if satisfied { return .done(true) }
          if let never = captures.first { throw never }
          // `$(node3 nodetool status).ok` is false: why the command failed is the news.
          let why = captures.lastFailedCapture.map { "; \($0.message)" } ?? ""
          return .pending(
            reason: (operands.isEmpty
              ? "last value: false" : "last values: " + operands.joined(separator: ", ")) + why)
        } catch let failure as ScriptFailure where failure.isPermanent {
          // "Never", not "not yet": waiting out the timeout would only hide the cause.
          throw failure.endingWait()
        } catch {
          // Errors while nodes boot are expected: they count as "not yet", except Ctrl-C.
          if error is CancellationError || Task.isCancelled { throw CancellationError() }
          if let never = captures.first { throw never.endingWait() }
          return .pending(reason: "last error: \((error as? ScriptFailure)?.message ?? "\(error)")")
        }
      }
    } catch let timedOut as WaitTimeout {
      // Whole milliseconds: a real clock's nanoseconds are noise in a message.
      let elapsed = Value.formatDuration((seconds(timedOut.waited) * 1000).rounded() / 1000)
      let tries = timedOut.tries
      let failure = ScriptFailure(
        .wait, "timed out after \(elapsed) waiting until \(timedOut.subject)", at: range,
        notes: ["\(tries) \(tries == 1 ? "try" : "tries"), \(timedOut.lastObservation)"])
      guard let elseBlock = wait.elseBlock else { throw failure }
      _ = try await run(elseBlock, in: scope, context)
    }
  }

  /// The shortest interval between a wait's tries (`every 0s` is taken as this).
  static let minimumWaitInterval = Duration.milliseconds(100)

  /// A `timeout`/`every` value: a duration, or a number of seconds (as `sleep 2` and
  /// `--timeout 2` read it).
  private func duration(
    _ expression: Expr?, default fallback: Duration, in scope: Scope, _ context: Context
  ) async throws -> Duration {
    guard let expression else { return fallback }
    switch try await evaluate(expression, in: scope, context) {
    case .duration(let value) where value >= 0: return .seconds(value)
    case .number(let value) where value >= 0: return .seconds(value)
    case let other:
      throw ScriptFailure(
        .evaluation,
        "expected a non-negative duration such as 30s (or a number of seconds), but this is "
          + other.literal, at: expression.range)
    }
  }

  func seconds(_ duration: Duration) -> Double {
    let (whole, fraction) = duration.components
    return Double(whole) + Double(fraction) / 1e18
  }
}

/// The failed captures one try of a wait's condition met: the first that waiting cannot
/// change ends the wait; the last says why the condition was false.
final class FailedCaptures: Sendable {
  private let failures = Mutex<[ScriptFailure]>([])

  func note(_ failure: ScriptFailure) { failures.withLock { $0.append(failure) } }

  /// The first failure that cannot change.
  var first: ScriptFailure? { failures.withLock { $0.first(where: \.isPermanent) } }

  var lastFailedCapture: ScriptFailure? { failures.withLock { $0.last } }
}

extension ScriptFailure {
  /// This failure as the end of a wait that met it: it says the wait did not wait it out.
  func endingWait() -> ScriptFailure {
    ScriptFailure(
      kind, message, at: range,
      notes: notes + ["the wait ended at once: waiting cannot change this"], isPermanent: true)
  }
}
