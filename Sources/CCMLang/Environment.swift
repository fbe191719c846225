import Foundation
import Synchronization

/// One lexical scope: `let` declares here, `set` assigns where the name was declared.
///
/// `parallel` branches read outer scopes from child tasks, so the storage is behind a lock and
/// the class is Sendable by construction. Writing a scope that other branches share is refused
/// (statically by the checker, at run time by `Evaluator.assign`), so the lock only has to make
/// reads and a branch's own writes safe, not keep a shared counter right.
final class Scope: Sendable {
  private let values: Mutex<[String: Value]>
  let parent: Scope?
  /// The `parallel` branch this scope belongs to, nil outside any branch.
  ///
  /// A branch may only assign variables of scopes carrying its own region.
  let region: BranchRegion?

  /// A child scope belongs to its parent's region unless `region` says otherwise.
  convenience init(parent: Scope?, values: [String: Value] = [:]) {
    self.init(parent: parent, values: values, region: parent?.region)
  }

  init(parent: Scope?, values: [String: Value] = [:], region: BranchRegion?) {
    self.parent = parent
    self.values = Mutex(values)
    self.region = region
  }

  func lookup(_ name: String) -> Value? {
    var scope: Scope? = self
    while let current = scope {
      if let value = current.values.withLock({ $0[name] }) { return value }
      scope = current.parent
    }
    return nil
  }

  func declare(_ name: String, _ value: Value) { values.withLock { $0[name] = value } }

  /// The scope where `name` was declared, nil when it is not declared at all.
  func declaring(_ name: String) -> Scope? {
    var scope: Scope? = self
    while let current = scope {
      if current.values.withLock({ $0[name] != nil }) { return current }
      scope = current.parent
    }
    return nil
  }

  /// Replaces the value of a name declared in this very scope.
  func replace(_ name: String, _ value: Value) { values.withLock { $0[name] = value } }

  var names: Set<String> { values.withLock { Set($0.keys) } }
}

/// The identity of one running `parallel` branch; scopes created inside it carry it.
final class BranchRegion: Sendable {}

/// What one `execute` call records: checks, failures.
///
/// Shared by `parallel` branches.
final class Recorder: Sendable {
  private struct State {
    var checkCount = 0
    var recorded: [ScriptFailure] = []
    var expectationFailures = 0
    var draws: [RandomDraw] = []
  }
  private let state = Mutex(State())

  func countCheck() { state.withLock { $0.checkCount += 1 } }

  func record(_ failure: ScriptFailure) {
    state.withLock {
      $0.recorded.append(failure)
      if failure.kind == .expectation { $0.expectationFailures += 1 }
    }
  }

  func record(_ draw: RandomDraw) { state.withLock { $0.draws.append(draw) } }

  var checks: Int { state.withLock { $0.checkCount } }
  var draws: [RandomDraw] { state.withLock { $0.draws } }
  var failures: [ScriptFailure] { state.withLock { $0.recorded } }
  var expectationFailureCount: Int { state.withLock { $0.expectationFailures } }
  var lastExpectationFailure: ScriptFailure? {
    state.withLock { $0.recorded.last { $0.kind == .expectation } }
  }
}
