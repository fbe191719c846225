import CCMLang
import Synchronization

/// The shell-side output a command writes to when it runs from a script or the REPL.
///
/// Everything is kept (for `.out`/`.err` of `$(…)`). In statement position text is also
/// streamed to the script's sink as it comes. A command's failure never passes through here:
/// it comes back as a value (`CommandOutcome.failure`), and the script reports it at the
/// command's source line.
final class ScriptOutputBridge: OutputSink {
  private let target: CCMLang.OutputSink?
  private let beforeWrite: @Sendable () -> Void
  private let buffers = Mutex<(out: String, err: String)>(("", ""))

  /// `target` nil captures only (`$(…)`); `beforeWrite` runs before anything is streamed (it
  /// clears a live progress line).
  init(streamingTo target: CCMLang.OutputSink?, beforeWrite: @escaping @Sendable () -> Void = {}) {
    self.target = target
    self.beforeWrite = beforeWrite
  }

  func write(_ text: String) {
    buffers.withLock { $0.out += text }
    guard let target else { return }
    beforeWrite()
    target.write(text, to: .out)
  }

  func writeError(_ text: String) {
    buffers.withLock { $0.err += text }
    guard let target else { return }
    beforeWrite()
    target.write(text, to: .err)
  }

  var standardOutput: String { buffers.withLock { $0.out } }
  var standardError: String { buffers.withLock { $0.err } }
}
