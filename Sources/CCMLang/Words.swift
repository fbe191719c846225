/// The statement keywords: the parser dispatches on this enum (its switch is exhaustive, so a
/// new keyword cannot silently parse as another), and `help` and REPL completion list it.
public enum StatementKeyword: String, CaseIterable, Sendable {
  case `let`, set, param, `if`, `for`, `while`, `break`, `continue`, `return`, wait, assert
  case expect, parallel, `try`, `defer`, fn, include

  /// Its usage line for `help`, with an example that must parse.
  public var syntax: StatementSyntax {
    switch self {
    case .let: StatementSyntax(rawValue, "let NAME = EXPR", "declare a variable", "let n = 3")
    case .set:
      StatementSyntax(
        rawValue, "set NAME = EXPR", "assign a declared variable", "let n = 1\nset n = n + 1")
    case .param:
      StatementSyntax(
        rawValue, "param NAME = EXPR", "a script parameter (`ccmsh run f.ccm NAME=value`)",
        "param rounds = 3")
    case .if:
      StatementSyntax(
        rawValue, "if COND { … } else { … }", "", "if 1 < 2 { echo a } else { echo b }")
    case .for:
      StatementSyntax(
        rawValue, "for X in LIST|A..B { … }", "also `parallel for`", "for i in 1..3 { echo $i }")
    case .while: StatementSyntax(rawValue, "while COND { … }", "", "while false { echo never }")
    case .break: StatementSyntax(rawValue, "break", "leave the loop", "for i in 1..3 { break }")
    case .continue:
      StatementSyntax(rawValue, "continue", "next iteration", "for i in 1..3 { continue }")
    case .return:
      StatementSyntax(rawValue, "return [EXPR]", "leave a fn with a value", "fn one() { return 1 }")
    case .wait:
      StatementSyntax(
        rawValue, "wait until COND [timeout D] [every D] [else { … }]", "",
        "wait until true timeout 5s every 1s else { fail late }")
    case .assert:
      StatementSyntax(
        rawValue, "assert COND [, MESSAGE]", "stop the script when false", "assert 1 < 2, \"math\"")
    case .expect:
      StatementSyntax(
        rawValue, "expect COND [, MESSAGE]", "record a failure and go on", "expect 1 < 2")
    case .parallel:
      StatementSyntax(
        rawValue, "parallel { … }", "run each statement at once, output prefixed",
        "parallel {\n  echo a\n  echo b\n}")
    case .try:
      StatementSyntax(
        rawValue, "try { … } on failure as e { … }", "collect evidence, then fail",
        "try { echo a } on failure as e { echo $e }")
    case .defer:
      StatementSyntax(
        rawValue, "defer { … }", "run when the enclosing block ends (cleanup)", "defer { echo bye }"
      )
    case .fn:
      StatementSyntax(
        rawValue, "fn NAME(A, B) { … }", "define a command, called `NAME x y`; `return EXPR`",
        "fn add(a, b) { return a + b }\nadd 1 2")
    case .include:
      StatementSyntax(
        rawValue, "include \"FILE\"", "load fns from another file (once)", "include \"lib.ccm\"")
    }
  }
}

/// The commands the evaluator answers itself, before asking the host.
public enum Builtin: String, CaseIterable, Sendable {
  case echo, sleep, fail
  case pick, shuffle
  case randomInt = "random_int"
  case randomDuration = "random_duration"

  /// The built-ins that draw from the run's seeded stream.
  public var isRandom: Bool { [.pick, .shuffle, .randomInt, .randomDuration].contains(self) }

  /// Its usage line for `help`, with an example that must parse.
  public var syntax: StatementSyntax {
    switch self {
    case .echo: StatementSyntax(rawValue, "echo WORDS…", "print", "echo hello $USER")
    case .sleep: StatementSyntax(rawValue, "sleep D", "pause (Ctrl-C interrupts)", "sleep 1s")
    case .fail:
      StatementSyntax(rawValue, "fail MESSAGE", "fail the script", "fail node2 never came up")
    case .pick:
      StatementSyntax(
        rawValue, "pick ITEMS…", "one item, chosen with the run's seed",
        "let victim = $(pick node1 node2 node3)")
    case .shuffle:
      StatementSyntax(
        rawValue, "shuffle ITEMS…", "the items as a list, in an order from the run's seed",
        "let order = $(shuffle 1 2 3)")
    case .randomInt:
      StatementSyntax(
        rawValue, "random_int LOW HIGH", "a whole number in LOW..HIGH, from the run's seed",
        "let rounds = $(random_int 1 5)")
    case .randomDuration:
      StatementSyntax(
        rawValue, "random_duration LOW HIGH",
        "a duration in LOW..HIGH (whole ms), from the run's seed",
        "let gap = $(random_duration 100ms 2s)")
    }
  }
}

/// Names reserved inside expressions.
let expressionKeywords: Set<String> = [
  "and", "or", "not", "true", "false", "nil", "in", "contains", "matches",
]
