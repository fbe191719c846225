import CCMWait
import Foundation
import Synchronization

/// The live line of `wait until`: `waiting until COND  4s / 1m00s`, redrawn on a terminal,
/// a plain line every few seconds elsewhere (see `ProgressLine`).
///
/// Waits in `parallel` branches share one line: it shows the latest wait still running, and
/// when that one ends the line goes back to the previous one with its own elapsed time, so
/// the line is never garbled and never shows a finished wait.
final class WaitFeedback: Sendable {
  let line: ProgressLine
  private struct Running {
    var id: UInt64
    var subject: String
    var timeout: Duration
    var started: ContinuousClock.Instant
  }
  private let running = Mutex<[Running]>([])

  init(line: ProgressLine) { self.line = line }

  /// The observer to hand the evaluator (`EvaluatorOptions.waitObserver`).
  var observer: WaitObserver { { [self] progress in observe(progress) } }

  func observe(_ progress: WaitProgress) {
    switch progress.phase {
    case .started:
      let wait = Running(
        id: progress.id, subject: progress.subject, timeout: progress.timeout,
        started: .now - progress.elapsed)
      running.withLock { $0.append(wait) }
      show(wait)
    case .tried:
      break  // The line keeps its own clock; tries appear in the timeout message.
    case .ended:
      let (wasShown, next) = running.withLock { running in
        let wasShown = running.last?.id == progress.id
        running.removeAll { $0.id == progress.id }
        return (wasShown, running.last)
      }
      guard wasShown else { return }
      if let next { show(next) } else { line.finish() }
    }
  }

  private func show(_ wait: Running) {
    line.start(
      Self.describe(wait.subject), timeout: wait.timeout, elapsed: .now - wait.started)
  }

  static func describe(_ subject: String) -> String { "waiting until " + subject }
}
