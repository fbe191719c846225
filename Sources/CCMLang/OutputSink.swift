import Foundation

/// A text destination.
///
/// Writes are whole chunks; `prefixed(_:)` turns it into a line-buffered sink that starts each line
/// with `[label] `, for `parallel` branches.
public struct OutputSink: Sendable {
  public enum Stream: Sendable { case out, err }
  private let writer: @Sendable (String, Stream) -> Void

  public init(_ writer: @escaping @Sendable (String, Stream) -> Void) { self.writer = writer }

  public func write(_ text: String, to stream: Stream = .out) { writer(text, stream) }
  /// Writes `text` and a newline.
  public func line(_ text: String, to stream: Stream = .out) { writer(text + "\n", stream) }

  /// Standard output and standard error of the process.
  public static let standard = OutputSink { text, stream in
    let handle = stream == .out ? FileHandle.standardOutput : FileHandle.standardError
    handle.write(Data(text.utf8))
  }

  public static let discard = OutputSink { _, _ in }

  /// A sink that prefixes each line with `[label] ` and the flush that writes a last
  /// unterminated line; call it when the branch ends.
  public func prefixed(_ label: String) -> (sink: OutputSink, flush: @Sendable () -> Void) {
    let buffer = LineBuffer(prefix: "[\(label)] ", target: self)
    return (OutputSink { buffer.write($0, $1) }, { buffer.flush() })
  }
}

/// Line buffering for prefixed output; the lock keeps lines whole when a host writes from
/// several threads.
private final class LineBuffer: @unchecked Sendable {
  private let prefix: String
  private let target: OutputSink
  private let lock = NSLock()
  private var pending: [OutputSink.Stream: String] = [:]

  init(prefix: String, target: OutputSink) {
    self.prefix = prefix
    self.target = target
  }

  func write(_ text: String, _ stream: OutputSink.Stream) {
    let complete: String? = lock.withLock {
      let combined = (pending[stream] ?? "") + text
      guard let lastNewline = combined.lastIndex(of: "\n") else {
        pending[stream] = combined
        return nil
      }
      pending[stream] = String(combined[combined.index(after: lastNewline)...])
      return String(combined[...lastNewline])
    }
    guard let complete else { return }
    let lines = complete.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    target.write(lines.map { prefix + $0 + "\n" }.joined(), to: stream)
  }

  func flush() {
    let rest = lock.withLock {
      defer { pending = [:] }
      return pending
    }
    for (stream, text) in rest where !text.isEmpty {
      target.write(prefix + text + "\n", to: stream)
    }
  }
}
