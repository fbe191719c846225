import Foundation

/// One lexical scope: `let` declares here, `set` assigns where the name was declared.
///
/// Unchecked-Sendable because `parallel` branches read outer scopes from child tasks. That is
/// safe by construction: the checker rejects `set` of an outer variable inside a branch, each
/// branch declares into its own scope, and the outer block is suspended until all branches end.
final class Scope: @unchecked Sendable {
  private var values: [String: Value]
  let parent: Scope?

  init(parent: Scope?, values: [String: Value] = [:]) {
    self.parent = parent
    self.values = values
  }

  func lookup(_ name: String) -> Value? {
    var scope: Scope? = self
    while let current = scope {
      if let value = current.values[name] { return value }
      scope = current.parent
    }
    return nil
  }

  func declare(_ name: String, _ value: Value) { values[name] = value }

  /// Assigns where `name` was declared; false when it is not declared at all.
  func assign(_ name: String, _ value: Value) -> Bool {
    var scope: Scope? = self
    while let current = scope {
      if current.values[name] != nil {
        current.values[name] = value
        return true
      }
      scope = current.parent
    }
    return false
  }

  var names: Set<String> { Set(values.keys) }
}

/// What one `execute` call records: checks, failures. Shared by `parallel` branches.
final class Recorder: @unchecked Sendable {
  private let lock = NSLock()
  private var checkCount = 0
  private var recorded: [ScriptFailure] = []
  private var expectationFailures = 0

  func countCheck() { lock.withLock { checkCount += 1 } }

  func record(_ failure: ScriptFailure) {
    lock.withLock {
      recorded.append(failure)
      if failure.kind == .expectation { expectationFailures += 1 }
    }
  }

  var checks: Int { lock.withLock { checkCount } }
  var failures: [ScriptFailure] { lock.withLock { recorded } }
  var expectationFailureCount: Int { lock.withLock { expectationFailures } }
  var lastExpectationFailure: ScriptFailure? {
    lock.withLock { recorded.last { $0.kind == .expectation } }
  }
}
