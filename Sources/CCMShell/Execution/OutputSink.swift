import Foundation
import Synchronization

/// Where a command's text goes: the terminal for the CLI, a buffer for tests and `$(...)`.
protocol OutputSink: Sendable {
  /// Normal output (stdout).
  func write(_ text: String)
  /// Diagnostics (stderr).
  func writeError(_ text: String)
}

/// The process's stdout and stderr.
struct StandardOutput: OutputSink {
  func write(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
  func writeError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// Collects output in memory.
final class CapturedOutput: OutputSink {
  private let buffers = Mutex<(out: String, err: String)>(("", ""))

  init() {}

  func write(_ text: String) { buffers.withLock { $0.out += text } }
  func writeError(_ text: String) { buffers.withLock { $0.err += text } }

  /// Everything written to stdout so far.
  var standardOutput: String { buffers.withLock { $0.out } }
  /// Everything written to stderr so far.
  var standardError: String { buffers.withLock { $0.err } }
}
