import Synchronization

/// The REPL's held `defer`s.
///
/// Typed at the prompt after `create repro`, `defer { remove repro }` means what it means in the
/// script `save` writes: at the end. So each entry's top-level defers are held, and run (last
/// first) when the session ends.
final class HeldDefers: Sendable {
  private let state = Mutex<(held: [Stmt], running: Bool)>(([], false))

  func append(_ more: [Stmt]) { state.withLock { $0.held += more } }

  /// Everything held, emptied; until `finished`, defers run where they stand (not held again).
  func take() -> [Stmt] {
    state.withLock { state in
      defer { state = ([], true) }
      return state.held
    }
  }

  func finished() { state.withLock { $0.running = false } }

  var isRunning: Bool { state.withLock { $0.running } }

  var count: Int { state.withLock { $0.held.count } }
}

extension Evaluator {
  /// How many top-level `defer`s wait for the session's end.
  public var heldDeferCount: Int { heldDefers.count }

  /// An entry's statements without its top-level defers, which are held instead (only with
  /// `holdsTopLevelDefers`).
  func holding(_ statements: [Stmt]) -> [Stmt] {
    guard options.holdsTopLevelDefers, !heldDefers.isRunning else { return statements }
    var rest: [Stmt] = []
    var held: [Stmt] = []
    for statement in statements {
      if case .defer = statement.kind { held.append(statement) } else { rest.append(statement) }
    }
    heldDefers.append(held)
    return rest
  }

  /// Runs the held defers, last first, as one more entry; nil when none is held.
  public func runHeldDefers() async -> ScriptOutcome? {
    let held = heldDefers.take()
    defer { heldDefers.finished() }
    guard let file = held.first?.range.file else { return nil }
    // Run as a block of `defer` statements: the block's end runs them in reverse order, each
    // even if another failed.
    return await execute(Program(file: file, statements: held, includes: [:], functions: [:]))
  }
}
