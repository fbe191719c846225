import CCMLang
import Synchronization

/// The shell-side output a command writes to when it runs from a script or the REPL.
///
/// Everything is kept (for `.out`/`.err` of `$(…)` and for the failure's notes). In statement
/// position text is also streamed to the script's sink as it comes, except the final
/// `ccmsh: error:` line: the script reports that itself, at the command's source line, so it
/// is held back instead of printed twice.
final class ScriptOutputBridge: OutputSink {
  static let errorPrefix = ErrorReport.prefix

  private let target: CCMLang.OutputSink?
  private let beforeWrite: @Sendable () -> Void
  private let buffers = Mutex<(out: String, err: String, errors: [String])>(("", "", []))

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
    let isError = text.hasPrefix(Self.errorPrefix)
    buffers.withLock {
      $0.err += text
      if isError { $0.errors.append(String(text.dropFirst(Self.errorPrefix.count))) }
    }
    guard let target, !isError else { return }
    beforeWrite()
    target.write(text, to: .err)
  }

  var standardOutput: String { buffers.withLock { $0.out } }
  var standardError: String { buffers.withLock { $0.err } }

  /// The held `ccmsh: error:` messages, prefix removed, trailing newline trimmed.
  var errorMessages: [String] {
    buffers.withLock { $0.errors }.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }
  }
}
