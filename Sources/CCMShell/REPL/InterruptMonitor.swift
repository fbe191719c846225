import CCMCore
import CEditLine
import Foundation
import Synchronization

/// The last signal caught (0: none), the only thing the handler touches.
///
/// A handler may only do async-signal-safe work, and a C handler cannot capture, so this is
/// a global atomic.
private let caughtSignal = Atomic<Int32>(0)

/// Turns Ctrl-C (and, for a command line, SIGTERM) while a command runs into cancellation of the
/// Swift task running it.
///
/// While a command runs the terminal is in cooked mode (libedit restores it after `el_gets`), so
/// Ctrl-C raises SIGINT. Our handler replaces the default action (which would end the REPL) only
/// for the duration of `run`, then the previous disposition comes back. The handler is installed
/// whatever the inherited disposition: a shell starts background jobs with SIGINT ignored, and
/// `ccmsh ... & kill -INT $!` must still stop ccmsh.
struct InterruptMonitor: Sendable {
  /// How often the watcher looks at the flag; short enough to feel immediate.
  var pollInterval: Duration = .milliseconds(20)
  /// The signals that cancel the operation.
  var signals: [Int32] = [SIGINT]
  /// How long an operation may still run after a signal; nil: as long as it takes (REPL).
  ///
  /// Past it the children are ended (`ChildProcesses`) and the process exits 128 + signal.
  var forceExitAfter: Duration?

  /// The outcome of an interruptible run.
  struct Outcome<Value: Sendable>: Sendable {
    var value: Value
    /// True when at least one signal arrived (and the task was cancelled) during the run.
    var interrupted: Bool
    /// The last signal that arrived, 0 when none did.
    var signal: Int32
  }

  /// A command line's monitor: SIGINT and SIGTERM cancel the command, which gets a few seconds
  /// to unwind (a script's `defer`s remove its clusters) before ccmsh exits regardless.
  static let commandLine = InterruptMonitor(
    signals: [SIGINT, SIGTERM], forceExitAfter: .seconds(10))

  /// Runs `operation` in a new task, cancelling it on every signal until it returns.
  ///
  /// The operation must honour cancellation to stop promptly; the REPL never exits on Ctrl-C.
  func run<Value: Sendable>(
    _ operation: @escaping @Sendable () async -> Value
  ) async -> Outcome<Value> {
    caughtSignal.store(0, ordering: .sequentiallyConsistent)
    var previous: [Int32: sigaction] = [:]
    for signal in signals {
      var old = sigaction()
      if ccm_sigaction_handler(signal, { caughtSignal.store($0, ordering: .relaxed) }, &old) == 0 {
        previous[signal] = old
      }
    }
    defer {
      for (signal, var old) in previous { _ = ccm_sigaction_restore(signal, &old) }
    }

    let work = Task { await operation() }
    let (interval, patience) = (pollInterval, forceExitAfter)
    let watcher = Task {
      var seen: Int32 = 0
      var since: ContinuousClock.Instant?
      while !Task.isCancelled {
        let signal = caughtSignal.exchange(0, ordering: .relaxed)
        if signal != 0 {
          seen = signal
          since = since ?? .now
          work.cancel()
        }
        if let patience, let since, ContinuousClock.now - since > patience {
          ChildProcesses.terminateAll()
          exit(128 + seen)
        }
        try? await Task.sleep(for: interval)
      }
      let late = caughtSignal.load(ordering: .relaxed)
      return late != 0 ? late : seen
    }
    let value = await work.value
    watcher.cancel()
    let signal = await watcher.value
    return Outcome(value: value, interrupted: signal != 0, signal: signal)
  }

  /// Sends SIGINT to this process, as Ctrl-C on the terminal would (for tests).
  static func simulateCtrlC() {
    kill(getpid(), SIGINT)
  }
}
