import CCMCore
import Synchronization

/// A `ProgressLine` that appears only once a command has run for `delay`, so quick commands
/// print nothing extra, and that steps aside as soon as the command writes output.
final class DelayedProgress: Sendable {
  let line: ProgressLine
  let delay: Duration
  private let shown = Mutex(false)

  init(line: ProgressLine = ProgressLine(), delay: Duration = .seconds(2)) {
    self.line = line
    self.delay = delay
  }

  /// Runs `operation`, showing `what` with its elapsed time while it lasts beyond `delay`.
  ///
  /// What the operation says it is doing (`ActivityReport`: "node3: waiting for a CQL
  /// handshake") follows `what` on the line, so the person sees which node waits for what.
  func during<T: Sendable>(_ what: String, _ operation: () async -> T) async -> T {
    let delay = self.delay
    let activity = Mutex<String?>(nil)
    let text = { @Sendable in activity.withLock { $0 }.map { what + ": " + $0 } ?? what }
    let starter = Task { [self] in
      try await Task.sleep(for: delay)
      shown.withLock { $0 = true }
      line.start(text())
    }
    let value = await ActivityReport.$listener.withValue({ [self] now in
      activity.withLock { $0 = now }
      if shown.withLock({ $0 }) { line.update(text()) }
    }) {
      await operation()
    }
    starter.cancel()
    _ = try? await starter.value
    clear()
    return value
  }

  /// Removes the live line, if it is showing.
  func clear() {
    let wasShown = shown.withLock { shown in
      defer { shown = false }
      return shown
    }
    if wasShown { line.finish() }
  }
}
