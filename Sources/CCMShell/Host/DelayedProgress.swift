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
  func during<T: Sendable>(_ what: String, _ operation: () async -> T) async -> T {
    let delay = self.delay
    let starter = Task { [self] in
      try await Task.sleep(for: delay)
      shown.withLock { $0 = true }
      line.start(what)
    }
    let value = await operation()
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
