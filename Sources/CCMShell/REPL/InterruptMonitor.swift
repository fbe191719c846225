import CEditLine
import Foundation
import Synchronization

/// The SIGINT count, the only thing the handler touches.
///
/// A handler may only do async-signal-safe work, and a C handler cannot capture, so this is
/// a global atomic.
private let sigintCount = Atomic<Int>(0)

/// Turns Ctrl-C while a command runs into cancellation of the Swift task running it.
///
/// While a command runs the terminal is in cooked mode (libedit restores it after `el_gets`), so
/// Ctrl-C raises SIGINT. Our handler replaces the default action (which would end the REPL) only
/// for the duration of `run`, then the previous disposition comes back.
struct InterruptMonitor: Sendable {
  /// How often the watcher looks at the flag; short enough to feel immediate.
  var pollInterval: Duration = .milliseconds(20)

  /// The outcome of an interruptible run.
  struct Outcome<Value: Sendable>: Sendable {
    var value: Value
    /// True when at least one SIGINT arrived (and the task was cancelled) during the run.
    var interrupted: Bool
  }

  /// Runs `operation` in a new task, cancelling it on every SIGINT until it returns.
  ///
  /// The operation must honour cancellation to stop promptly; the REPL never exits on Ctrl-C.
  func run<Value: Sendable>(
    _ operation: @escaping @Sendable () async -> Value
  ) async -> Outcome<Value> {
    sigintCount.store(0, ordering: .sequentiallyConsistent)
    var previous = sigaction()
    let installed =
      ccm_sigaction_handler(
        SIGINT,
        { _ in
          sigintCount.add(1, ordering: .relaxed)
        }, &previous) == 0
    defer { if installed { _ = ccm_sigaction_restore(SIGINT, &previous) } }

    let work = Task { await operation() }
    let interval = pollInterval
    let watcher = Task {
      var seen = false
      while !Task.isCancelled {
        if sigintCount.exchange(0, ordering: .relaxed) > 0 {
          seen = true
          work.cancel()
        }
        try? await Task.sleep(for: interval)
      }
      return seen || sigintCount.load(ordering: .relaxed) > 0
    }
    let value = await work.value
    watcher.cancel()
    let interrupted = await watcher.value
    return Outcome(value: value, interrupted: interrupted)
  }

  /// Sends SIGINT to this process, as Ctrl-C on the terminal would (for tests).
  static func simulateCtrlC() {
    kill(getpid(), SIGINT)
  }
}
