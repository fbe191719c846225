/// The syntax tree. Every node carries the `SourceRange` it was parsed from.

/// An expression: operators, literals, names, captures.
public struct Expr: Sendable {
  public indirect enum Kind: Sendable {
    /// A number, duration, boolean or `nil`.
    case literal(Value)
    /// `"…"` with interpolation; a raw `'…'` string is a single `.literal` piece.
    case string([WordPiece])
    case name(String)
    /// `$(command)`
    case capture(Command)
    case list([Expr])
    case negate(Expr)
    case not(Expr)
    /// A comparison (these do not chain).
    case binary(BinaryOperator, Expr, Expr)
    /// `a + b - c`, `a * b`, `a and b and c`: operators of one precedence level, applied left
    /// to right. Flat, so a long sum is a loop, not a deep tree, for the parser, checker and
    /// evaluator alike; only real nesting counts against `Parser.maximumDepth`.
    case chain(Expr, [ChainLink])
    case range(Expr, Expr)
    /// `.name` — a property of a value or a field of a map.
    case member(Expr, String)
    case index(Expr, Expr)
  }
  public let kind: Kind
  public let range: SourceRange
}

/// One `operator operand` step of a chain.
public struct ChainLink: Sendable {
  public let operation: BinaryOperator
  public let operand: Expr
}

public enum BinaryOperator: String, Sendable {
  case or, and
  case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">"
  case greaterEqual = ">="
  case `in`, contains, matches
  case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
}

/// One piece of a command word or of a `"…"` string; adjacent pieces concatenate (`node$i`).
public enum WordPiece: Sendable {
  /// Literal text and where it was written; `quoted` when it came from quotes (then it is
  /// never read as a number).
  case text(String, quoted: Bool, SourceRange)
  case variable(String, SourceRange)
  /// `${expr}`
  case interpolation(Expr)
  /// `$(command)`
  case capture(Command)
}

/// A command word: pieces written without space between them.
public struct Word: Sendable {
  public let pieces: [WordPiece]
  public let range: SourceRange

  /// The literal text when the word is one unquoted piece of plain text (a keyword check).
  var bareText: String? {
    guard pieces.count == 1, case .text(let text, quoted: false, _) = pieces[0] else { return nil }
    return text
  }

  /// The word's text when it is written out (no `$`, `${…}` or `$(…)`), quoted or not.
  var staticText: String? {
    var text = ""
    for piece in pieces {
      guard case .text(let part, _, _) = piece else { return nil }
      text += part
    }
    return text
  }
}

/// A command line: `node1 nodetool status`, or a `fn` call.
public struct Command: Sendable {
  public let words: [Word]
  public let range: SourceRange
}

public struct Block: Sendable {
  public let statements: [Stmt]
  public let range: SourceRange
  /// Whether a statement directly in the block declares a name or defers work, in which case
  /// it needs its own scope at run time (most loop bodies do not: this keeps loops cheap).
  let needsScope: Bool

  init(statements: [Stmt], range: SourceRange) {
    self.statements = statements
    self.range = range
    needsScope = statements.contains { statement in
      switch statement.kind {
      case .let, .defer, .param, .function: return true
      default: return false
      }
    }
  }
}

/// `assert` stops the script; `expect` records the failure and carries on.
public enum CheckKind: String, Sendable { case assert, expect }

public struct FunctionDecl: Sendable {
  public let name: String
  public let parameters: [String]
  public let body: Block
  public let range: SourceRange

  /// The message of a call with the wrong number of arguments (the check and the run say
  /// the same).
  static func arityProblem(_ function: FunctionDecl, arguments: Int) -> CommandProblem {
    let expected =
      function.parameters.isEmpty ? "no arguments" : function.parameters.joined(separator: " ")
    return CommandProblem(
      "'\(function.name)' takes \(function.parameters.count) argument(s), got \(arguments)",
      notes: ["usage: \(function.name) \(expected)"])
  }
}

public struct Stmt: Sendable {
  public indirect enum Kind: Sendable {
    case `let`(String, Expr)
    case set(String, Expr)
    case param(String, Expr)
    /// `else` is either a block statement or another `if`.
    case `if`(Expr, Block, else: Stmt?)
    case `for`(String, Expr, Block)
    case `while`(Expr, Block)
    case `break`
    case `continue`
    case `return`(Expr?)
    case wait(WaitStmt)
    case check(CheckKind, Expr, message: Expr?)
    /// `parallel { … }`: each statement of the block is a branch.
    case parallelBlock(Block)
    /// `parallel for x in xs { … }`: each iteration is a branch.
    case parallelFor(String, Expr, Block)
    case `try`(Block, errorName: String?, handler: Block)
    case `defer`(Block)
    case function(FunctionDecl)
    /// `include "path"`; the path as written (resolved against the including file).
    case include(String)
    case block(Block)
    case command(Command)
  }
  public let kind: Kind
  public let range: SourceRange
}

public struct WaitStmt: Sendable {
  public let condition: Expr
  public let timeout: Expr?
  public let interval: Expr?
  public let elseBlock: Block?
}
