/// `assert`/`expect` bookkeeping and `try … on failure`.
extension Evaluator {
  /// `assert` throws; `expect` records and continues.
  ///
  /// Without a message, the report shows the condition's source and its operands' values.
  func executeCheck(
    _ kind: CheckKind, _ condition: Expr, message: Expr?, at range: SourceRange, in scope: Scope,
    _ context: Context
  ) async throws {
    context.recorder.countCheck()
    let (passed, operands) = try await evaluateExplained(condition, in: scope, context)
    if passed { return }
    let text: String
    if let message {
      text = try await evaluate(message, in: scope, context).text
    } else {
      text = "\(kind.rawValue) failed: \(condition.range.text)"
    }
    let failure = ScriptFailure(
      kind == .assert ? .assertion : .expectation, text, at: range, notes: operands)
    guard kind == .expect else { throw failure }
    // A thrown failure gains its frames as it leaves each fn and branch; a recorded one is not
    // thrown, so it takes them here.
    context.recorder.record(context.frames.reduce(failure) { $0.noting($1) })
  }

  /// Runs the body; if it threw, or recorded a failed `expect`, runs the handler with the failure
  /// bound to `errorName` (`.message .location .source .kind`).
  ///
  /// A thrown failure is rethrown afterwards — `on failure` collects evidence, it does not make the
  /// script pass — and the body's `defer`s run after the handler, so logs are taken before cleanup.
  func executeTry(
    _ body: Block, errorName: String?, handler: Block, in scope: Scope, _ context: Context
  ) async throws -> Completion {
    let expectationsBefore = context.recorder.expectationFailureCount
    return try await run(body.statements, in: Scope(parent: scope), context) { thrown in
      let failure: ScriptFailure?
      if let thrown {
        failure = thrown as? ScriptFailure
      } else if context.recorder.expectationFailureCount > expectationsBefore {
        failure = context.recorder.lastExpectationFailure
      } else {
        failure = nil
      }
      guard let failure, !Task.isCancelled else { return thrown }
      let handlerScope = Scope(parent: scope)
      if let errorName { handlerScope.declare(errorName, failure.value) }
      do {
        _ = try await self.run(handler, in: handlerScope, context)
      } catch let handlerFailure as ScriptFailure {
        context.recorder.record(handlerFailure)
      } catch {
        return error
      }
      return thrown
    }
  }
}
