/// A failure while a script runs: a failed `assert`/`expect`, a failed command, a timed-out
/// `wait`, `fail`, or an evaluation error (a type mismatch, a missing field).
public struct ScriptFailure: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    /// `assert` was false: the script stops.
    case assertion
    /// `expect` was false: recorded, the script goes on.
    case expectation
    /// A command in statement position exited non-zero, or the host rejected it.
    case command
    /// `wait until` reached its timeout.
    case wait
    /// The `fail` command.
    case fail
    /// A runtime error in an expression.
    case evaluation
  }

  public let kind: Kind
  public let message: String
  public let range: SourceRange
  public let notes: [String]
  /// Waiting cannot change it (an unknown command, a node that does not exist, a condition
  /// that is not a bool): a `wait until` that meets it ends at once with it.
  public let isPermanent: Bool

  public init(
    _ kind: Kind, _ message: String, at range: SourceRange, notes: [String] = [],
    isPermanent: Bool = false
  ) {
    self.kind = kind
    self.message = message
    self.range = range
    self.notes = notes
    self.isPermanent = isPermanent
  }

  /// This failure with one more note (where it ran from: a fn's caller, a branch).
  func noting(_ note: String) -> ScriptFailure {
    ScriptFailure(kind, message, at: range, notes: notes + [note], isPermanent: isPermanent)
  }

  /// For reports: `file:line:col: error: message`, source line, caret, notes.
  public var diagnostic: Diagnostic { Diagnostic(message, at: range, notes: notes) }
  /// `file:line`, as JUnit/TAP reports show it.
  public var location: String { "\(range.file.name):\(range.location.line)" }
  /// The source text of the failing statement.
  public var source: String { range.text }
  public var description: String { diagnostic.rendered() }

  /// The value bound by `on failure as e`: `.message .location .source .kind`.
  var value: Value {
    .map([
      "message": .string(message), "location": .string(location), "source": .string(source),
      "kind": .string(kind.rawValue),
    ])
  }
}

/// The result of running one script, for the REPL, `ccmsh run` and the JUnit/TAP reports.
public struct ScriptOutcome: Sendable {
  public enum Status: Sendable, Equatable {
    case passed
    /// A check or a command failed.
    case failed
    /// The script does not parse or is statically invalid; nothing ran.
    case invalid
    /// The run was cancelled (Ctrl-C).
    case cancelled
  }

  public let file: String
  public let status: Status
  /// `assert` and `expect` statements evaluated (each loop iteration counts).
  public let checks: Int
  /// Runtime failures in the order they happened.
  public let failures: [ScriptFailure]
  /// Static problems (status `.invalid`).
  public let diagnostics: [Diagnostic]
  public let duration: Duration
  /// The seed the run's random built-ins drew from.
  public let seed: ScriptSeed
  /// The random choices made, in the order they were made (the draws of `parallel` branches
  /// may interleave; each branch's own are the same on every run with the seed).
  public let draws: [RandomDraw]
  /// The top-level steps as they ran (`run --logs DIR` writes one log per step).
  public let steps: [ScriptStep]

  public init(
    file: String, status: Status, checks: Int = 0, failures: [ScriptFailure] = [],
    diagnostics: [Diagnostic] = [],
    duration: Duration = .zero, seed: ScriptSeed = ScriptSeed(0), draws: [RandomDraw] = [],
    steps: [ScriptStep] = []
  ) {
    self.file = file
    self.status = status
    self.checks = checks
    self.failures = failures
    self.diagnostics = diagnostics
    self.duration = duration
    self.seed = seed
    self.draws = draws
    self.steps = steps
  }

  /// All problems rendered as diagnostics.
  public var report: String { (diagnostics + failures.map(\.diagnostic)).rendered() }
}
