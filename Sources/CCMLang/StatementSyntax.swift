/// The usage line of each statement and built-in command, for `help`.
///
/// Each carries an example that `StatementSyntaxTests` parses with the real parser, so help cannot drift from the
/// grammar (it once showed `fn NAME A B`, which the parser rejects).
public struct StatementSyntax: Sendable {
  public let keyword: String
  /// The form, as `fn NAME(A, B) { … }`.
  public let usage: String
  public let summary: String
  /// A complete statement in this form that parses.
  public let example: String

  /// Every statement keyword, then every built-in command, from the language's own tables.
  public static let all: [StatementSyntax] =
    StatementKeyword.allCases.map(\.syntax) + Builtin.allCases.map(\.syntax)

  init(_ keyword: String, _ usage: String, _ summary: String, _ example: String) {
    self.keyword = keyword
    self.usage = usage
    self.summary = summary
    self.example = example
  }

  /// `usage` with the summary aligned after it, as `help` prints it.
  public var line: String {
    guard !summary.isEmpty else { return usage }
    let column = 27
    let padded =
      usage.count < column
      ? usage + String(repeating: " ", count: column - usage.count) : usage + "   "
    return padded + summary
  }
}
