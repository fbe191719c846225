import Foundation

/// What the language needs from the shell: running one command line.
///
/// The shell implements it with its command table, so `node1 stop` in a script, in the REPL
/// and as `ccmsh node1 stop` take one code path. The language handles `echo`, `sleep`, `fail`
/// and calls to `fn`s itself; every other command line reaches the host.
///
/// Contract:
/// - In `.statement` position, write the command's text rendering to `context.output` as it
///   is produced (the sink adds `[1]`/`[node2]` prefixes inside `parallel`). A result with
///   `code != 0` makes the script fail at that line.
/// - In `.capture` position (`$(…)`), return the structured result and do not print; a
///   non-zero code is just data (`.ok == false`).
/// - Honour task cancellation promptly (Ctrl-C, or a failed `parallel` sibling): stop waiting
///   and terminate subprocesses, then throw `CancellationError`.
/// - Throw `CommandHostError` for unknown commands or usage errors; the script reports its
///   message at the command's source range.
public protocol CommandHost: Sendable {
  func run(_ argv: [String], context: CommandContext) async throws -> CommandResult
}

/// Where and how a command runs.
public struct CommandContext: Sendable {
  public enum Position: Sendable, Equatable {
    /// A command line on its own: stream text, failure aborts the block.
    case statement
    /// Inside `$(…)`: return a structured value.
    case capture
  }

  public let position: Position
  /// Where to stream output (already prefixed inside `parallel` branches).
  public let output: OutputSink
  /// The command in the script, for messages.
  public let range: SourceRange
  /// The `parallel` branch label (`1`, `node2`), or nil outside `parallel`.
  public let branch: String?

  public init(position: Position, output: OutputSink, range: SourceRange, branch: String? = nil) {
    self.position = position
    self.output = output
    self.range = range
    self.branch = branch
  }
}

/// A command's outcome. As a script value it is a map with `.ok .code .out .err` plus
/// `fields` (for example `.nodes`, `.rows`, `.ips`, `.address`).
public struct CommandResult: Sendable, Equatable {
  public var code: Int
  public var out: String
  public var err: String
  public var fields: ValueMap

  public init(code: Int = 0, out: String = "", err: String = "", fields: ValueMap = [:]) {
    self.code = code
    self.out = out
    self.err = err
    self.fields = fields
  }

  public var ok: Bool { code == 0 }

  /// The value `$(…)` yields.
  public var value: Value {
    var map: ValueMap = [
      "ok": .bool(ok), "code": .number(Double(code)), "out": .string(out), "err": .string(err),
    ]
    for key in fields.keys { map[key] = fields[key] }
    return .map(map)
  }
}

/// An error a host throws for a command it cannot run (unknown name, bad flags).
public struct CommandHostError: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String
  public let notes: [String]
  public init(_ message: String, notes: [String] = []) {
    self.message = message
    self.notes = notes
  }
  public var description: String { message }
}

/// A text destination. Writes are whole chunks; `prefixed(_:)` turns it into a line-buffered
/// sink that starts each line with `[label] `, for `parallel` branches.
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
    for (stream, text) in rest where !text.isEmpty { target.write(prefix + text + "\n", to: stream) }
  }
}

/// Reads the text of included files.
public protocol SourceLoader: Sendable {
  /// The text at `path` (already resolved against the including file).
  func load(_ path: String) throws -> String
}

/// Reads files from disk.
public struct FileSystemLoader: SourceLoader {
  public init() {}
  public func load(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }
}

/// Serves files from memory (tests, the REPL's `include` of generated text).
public struct InMemoryLoader: SourceLoader {
  public let files: [String: String]
  public init(_ files: [String: String]) { self.files = files }
  public func load(_ path: String) throws -> String {
    guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
    return text
  }
}

/// Time for `wait` and `sleep`, injectable so tests never really sleep.
public protocol ScriptClock: Sendable {
  /// Monotonic time since an arbitrary origin.
  func now() -> Duration
  /// Sleeps, or throws `CancellationError` as soon as the task is cancelled.
  func sleep(for duration: Duration) async throws
}

/// The real clock.
public struct SystemClock: ScriptClock {
  private let origin = ContinuousClock.now
  public init() {}
  public func now() -> Duration { ContinuousClock.now - origin }
  public func sleep(for duration: Duration) async throws {
    try await Task.sleep(for: duration)
  }
}

/// A virtual clock for tests: `sleep` advances time at once instead of waiting, so a
/// `wait … timeout 3m every 2s` runs its 90 tries in microseconds. `advance(by:)` moves time
/// by hand (for example from a fake command that "takes" 10 seconds).
public final class ManualClock: ScriptClock, @unchecked Sendable {
  private let lock = NSLock()
  private var elapsed: Duration = .zero

  public init() {}

  public func now() -> Duration { lock.withLock { elapsed } }

  public func advance(by duration: Duration) { lock.withLock { elapsed += duration } }

  public func sleep(for duration: Duration) async throws {
    try Task.checkCancellation()
    advance(by: duration)
    await Task.yield()
    try Task.checkCancellation()
  }
}
