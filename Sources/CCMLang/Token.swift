/// The lexer's modes.
///
/// The parser asks for the next token in the mode its grammar needs: shell-like words for commands,
/// a programming language for expressions, and the inside of a `"…"` string.
enum LexMode: Equatable {
  case word
  case expression
  /// An expression inside `( )` or `[ ]`, where newlines are ignored.
  case nestedExpression
  case string
  case tripleString
}

/// Operators and punctuation.
enum Symbol: String, Sendable {
  case leftBrace = "{", rightBrace = "}", leftParen = "(", rightParen = ")"
  case leftBracket = "[", rightBracket = "]", comma = ",", dot = ".", dotDot = ".."
  case assign = "=", equal = "==", notEqual = "!=", less = "<", lessEqual = "<="
  case greater = ">", greaterEqual = ">=", plus = "+", minus = "-", star = "*", slash = "/"
  case percent = "%"
}

enum TokenKind: Equatable {
  /// Word mode: unquoted text with `\x` escapes resolved.
  case bare(String)
  /// `'…'`, no interpolation.
  case raw(String)
  /// `"` (opens a string in word/expression mode, closes it in string mode).
  case quote
  case tripleQuote
  /// `$name`
  case dollarName(String)
  /// `${`
  case dollarBrace
  /// `$(`
  case dollarParen
  /// String mode: literal text between interpolations, escapes resolved.
  case stringText(String)
  case name(String)
  case number(Double)
  /// Seconds.
  case duration(Double)
  case symbol(Symbol)
  case newline
  case semicolon
  case endOfInput
  /// A lexical error; `atEnd` when only more input could fix it (an open `'`).
  case invalid(String, atEnd: Bool)
}

struct Token {
  let kind: TokenKind
  let start: Int
  let end: Int
  /// Whitespace, a comment or a line continuation came before it: words end there.
  let leadingSpace: Bool

  var isTerminator: Bool {
    switch kind {
    case .newline, .semicolon, .endOfInput, .symbol(.rightBrace): return true
    default: return false
    }
  }
}
