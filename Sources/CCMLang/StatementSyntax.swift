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

  public static let all: [StatementSyntax] = [
    .init("let", "let NAME = EXPR", "declare a variable", "let n = 3"),
    .init("set", "set NAME = EXPR", "assign a declared variable", "let n = 1\nset n = n + 1"),
    .init(
      "param", "param NAME = EXPR", "a script parameter (`ccmsh run f.ccm NAME=value`)",
      "param rounds = 3"),
    .init("if", "if COND { … } else { … }", "", "if 1 < 2 { echo a } else { echo b }"),
    .init("for", "for X in LIST|A..B { … }", "also `parallel for`", "for i in 1..3 { echo $i }"),
    .init("while", "while COND { … }", "", "while false { echo never }"),
    .init("break", "break", "leave the loop", "for i in 1..3 { break }"),
    .init("continue", "continue", "next iteration", "for i in 1..3 { continue }"),
    .init("return", "return [EXPR]", "leave a fn with a value", "fn one() { return 1 }"),
    .init(
      "wait", "wait until COND [timeout D] [every D] [else { … }]", "",
      "wait until true timeout 5s every 1s else { fail late }"),
    .init(
      "assert", "assert COND [, MESSAGE]", "stop the script when false", "assert 1 < 2, \"math\""),
    .init("expect", "expect COND [, MESSAGE]", "record a failure and go on", "expect 1 < 2"),
    .init(
      "parallel", "parallel { … }", "run each statement at once, output prefixed",
      "parallel {\n  echo a\n  echo b\n}"),
    .init(
      "try", "try { … } on failure as e { … }", "collect evidence, then fail",
      "try { echo a } on failure as e { echo $e }"),
    .init(
      "defer", "defer { … }", "run when the enclosing block ends (cleanup)", "defer { echo bye }"),
    .init(
      "fn", "fn NAME(A, B) { … }", "define a command, called `NAME x y`; `return EXPR`",
      "fn add(a, b) { return a + b }\nadd 1 2"),
    .init(
      "include", "include \"FILE\"", "load fns from another file (once)", "include \"lib.ccm\""),
    .init("echo", "echo WORDS…", "print", "echo hello $USER"),
    .init("sleep", "sleep D", "pause (Ctrl-C interrupts)", "sleep 1s"),
    .init("fail", "fail MESSAGE", "fail the script", "fail node2 never came up"),
  ]

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
