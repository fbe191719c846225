/// `wait until COND [timeout D] [every D] [else { … }]`: the one wait engine of scripts.
extension Evaluator {
  func executeWait(_ wait: WaitStmt, at range: SourceRange, in scope: Scope, _ context: Context) async throws {
    let timeout = try await duration(wait.timeout, default: options.defaultTimeout, in: scope, context)
    let interval = try await duration(wait.interval, default: options.defaultInterval, in: scope, context)
    let clock = options.clock
    let started = clock.now()
    var tries = 0
    var lastSeen = ""
    while true {
      try Task.checkCancellation()
      tries += 1
      do {
        let (satisfied, operands) = try await evaluateExplained(wait.condition, in: scope, context)
        if satisfied { return }
        lastSeen = operands.isEmpty ? "last value: false" : "last values: " + operands.joined(separator: ", ")
      } catch {
        // Errors while nodes boot are expected: they count as "not yet", except Ctrl-C.
        if error is CancellationError || Task.isCancelled { throw CancellationError() }
        lastSeen = "last error: \((error as? ScriptFailure)?.message ?? "\(error)")"
      }
      let elapsed = clock.now() - started
      if elapsed >= timeout { break }
      try await clock.sleep(for: min(interval, timeout - elapsed))
    }
    // Whole milliseconds: a real clock's nanoseconds are noise in a message.
    let elapsed = Value.formatDuration((seconds(clock.now() - started) * 1000).rounded() / 1000)
    let failure = ScriptFailure(
      .wait, "timed out after \(elapsed) waiting until \(wait.condition.range.text)", at: range,
      notes: ["\(tries) \(tries == 1 ? "try" : "tries"), \(lastSeen)"])
    guard let elseBlock = wait.elseBlock else { throw failure }
    _ = try await run(elseBlock, in: scope, context)
  }

  private func duration(_ expression: Expr?, default fallback: Duration, in scope: Scope, _ context: Context) async throws -> Duration {
    guard let expression else { return fallback }
    switch try await evaluate(expression, in: scope, context) {
    case .duration(let value) where value >= 0: return .seconds(value)
    case let other:
      throw ScriptFailure(.evaluation, "expected a duration such as 30s, but this is \(other.literal)", at: expression.range)
    }
  }

  func seconds(_ duration: Duration) -> Double {
    let (whole, fraction) = duration.components
    return Double(whole) + Double(fraction) / 1e18
  }
}
