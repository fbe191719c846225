/// `parallel { … }` and `parallel for`: structured concurrency with cancel-on-first-failure.
extension Evaluator {
  /// Each statement of the block is a branch, labelled `[1]`, `[2]`, … in the output.
  func executeParallel(_ block: Block, in scope: Scope, _ context: Context) async throws {
    let branches = block.statements.enumerated().map { index, statement in
      Branch(
        label: String(index + 1), statements: [statement],
        scope: Scope(parent: scope, region: BranchRegion()),
        frame: "in parallel branch [\(index + 1)] at \(statement.range.file.name):"
          + "\(statement.range.location.line)")
    }
    try await runBranches(branches, context)
  }

  /// Each iteration is a branch, labelled by its value (`[node2]`).
  func executeParallelFor(
    _ name: String, _ iterable: Expr, _ body: Block, in scope: Scope, _ context: Context
  ) async throws {
    let values: [Value]
    if case .range(let low, let high) = iterable.kind {
      let (first, last) = try await evaluateBounds(low, high, in: scope, context)
      values = first <= last ? (first...last).map { .number(Double($0)) } : []
    } else {
      values = try await iterationValues(iterable, in: scope, context)
    }
    let branches = values.map { value in
      Branch(
        label: value.text, statements: body.statements,
        scope: Scope(parent: scope, values: [name: value], region: BranchRegion()),
        frame: "in parallel for iteration \(name) = \(value.literal)")
    }
    try await runBranches(branches, context)
  }

  private struct Branch: Sendable {
    let label: String
    let statements: [Stmt]
    let scope: Scope
    /// The note that says which branch a failure came from.
    let frame: String
  }

  /// Runs all branches as child tasks; the first failure cancels the others (their commands and
  /// waits stop through task cancellation) and is rethrown.
  ///
  /// Failed `expect`s are only recorded, so they do not cancel anything.
  private func runBranches(_ branches: [Branch], _ context: Context) async throws {
    // Branch i draws from its own stream, split off before any branch starts: the choices
    // do not depend on how the branches interleave.
    let streams = context.random.branches(branches.count)
    try await withThrowingTaskGroup(of: Void.self) { group in
      for (branch, stream) in zip(branches, streams) {
        let (sink, flush) = context.output.prefixed(branch.label)
        var branchContext = Context(
          recorder: context.recorder, output: sink, branch: branch.label,
          callDepth: context.callDepth, random: stream,
          region: branch.scope.region, function: context.function)
        branchContext.frames = [branch.frame] + context.frames
        group.addTask {
          defer { flush() }
          do {
            _ = try await self.run(branch.statements, in: branch.scope, branchContext)
          } catch let failure as ScriptFailure {
            throw failure.noting(branch.frame)
          }
        }
      }
      do {
        while try await group.next() != nil {}
      } catch {
        group.cancelAll()
        throw error
      }
    }
  }
}

extension Evaluator {
  /// `set name = value`.
  ///
  /// From a `parallel` branch only the branch's own variables may be assigned: the checker refuses
  /// what it can see, and this refuses the rest (a fn named at run time, or one defined in an
  /// earlier REPL entry), so branches never write shared state.
  func assign(
    _ name: String, _ value: Value, in scope: Scope, _ context: Context, at range: SourceRange
  ) throws {
    guard let declaring = scope.declaring(name) else {
      throw ScriptFailure(.evaluation, "cannot assign to '\(name)': it is not declared", at: range)
    }
    if let region = context.region, declaring.region !== region {
      let place = context.function.map { " (in fn '\($0)')" } ?? ""
      throw ScriptFailure(
        .evaluation,
        "cannot assign to '\(name)' from a parallel branch\(place): it is declared outside the branch",
        at: range,
        notes: [
          "branches run at the same time; declare results with `let` inside the branch, or write them to a file"
        ])
    }
    declaring.replace(name, value)
  }
}
