import CCMWait

/// `wait until COND [timeout D] [every D] [else { … }]`, run by the shared wait engine.
extension Evaluator {
  func executeWait(_ wait: WaitStmt, at range: SourceRange, in scope: Scope, _ context: Context)
    async throws
  {
    let timeout = try await duration(
      wait.timeout, default: options.defaultTimeout, in: scope, context)
    let interval = try await duration(
      wait.interval, default: options.defaultInterval, in: scope, context)
    let policy = WaitPolicy(timeout: timeout, interval: interval)
    do {
      try await Wait.bounded(
        wait.condition.range.text, policy: policy, clock: options.clock,
        observer: options.waitObserver
      ) { () async throws -> WaitProbe<Bool> in
        do {
          let (satisfied, operands) = try await self.evaluateExplained(
            wait.condition, in: scope, context)
          if satisfied { return .done(true) }
          return .pending(
            reason: operands.isEmpty
              ? "last value: false" : "last values: " + operands.joined(separator: ", "))
        } catch {
          // Errors while nodes boot are expected: they count as "not yet", except Ctrl-C.
          if error is CancellationError || Task.isCancelled { throw CancellationError() }
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

  private func duration(
    _ expression: Expr?, default fallback: Duration, in scope: Scope, _ context: Context
  ) async throws -> Duration {
    guard let expression else { return fallback }
    switch try await evaluate(expression, in: scope, context) {
    case .duration(let value) where value >= 0: return .seconds(value)
    case let other:
      throw ScriptFailure(
        .evaluation, "expected a duration such as 30s, but this is \(other.literal)",
        at: expression.range)
    }
  }

  func seconds(_ duration: Duration) -> Double {
    let (whole, fraction) = duration.components
    return Double(whole) + Double(fraction) / 1e18
  }
}
