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

/// A command's outcome.
///
/// As a script value it is a map with `.ok .code .out .err` plus `fields` (for example `.nodes`,
/// `.rows`, `.ips`, `.address`), and `.error` when the command failed.
public struct CommandResult: Sendable, Equatable {
  public var code: Int
  public var out: String
  public var err: String
  public var fields: ValueMap
  /// Why the command failed, in one line that names the command, its exit and its error; a
  /// field of a failed result that is not there reports this instead of "no field".
  public var failure: String?
  /// The failure cannot change by waiting (a node or cluster that does not exist): a
  /// `wait until` whose condition is not met and read this result ends at once with `failure`.
  public var isPermanent: Bool

  public init(
    code: Int = 0, out: String = "", err: String = "", fields: ValueMap = [:],
    failure: String? = nil, isPermanent: Bool = false
  ) {
    self.code = code
    self.out = out
    self.err = err
    self.fields = fields
    self.failure = failure
    self.isPermanent = isPermanent
  }

  public var ok: Bool { code == 0 }

  /// The value `$(…)` yields.
  public var value: Value {
    var map: ValueMap = [
      "ok": .bool(ok), "code": .number(Double(code)), "out": .string(out), "err": .string(err),
    ]
    if let failure { map["error"] = .string(failure) }
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
