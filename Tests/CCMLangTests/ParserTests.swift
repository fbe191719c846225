import CCMLang
import Testing

@Suite struct ParserTests {
  /// Each case: marked source, and the message the diagnostic at 1️⃣ must have.
  @Test(arguments: [
    ("let 1️⃣= 3", "expected a name after 'let', found '='"),
    ("if x 1️⃣= 3 { }", "'=' is not a comparison"),
    ("echo 1️⃣(", "unexpected '(' in a command"),
    ("let x = 1 1️⃣2", "expected the end of the statement, found '2'"),
    ("1️⃣}", "unexpected '}' with no block to close"),
    ("let x = 1️⃣$y", "'$y' is for command words; in an expression write the name alone"),
    ("let x = 3 +1️⃣", "expected an expression, found the end of the input"),
    ("let d = 1️⃣3x", "unknown duration unit 'x' (use ms, s, m or h)"),
    ("wait 1️⃣x", "expected 'until' after 'wait', found 'x'"),
    ("try { true } 1️⃣echo", "expected 'on' after the 'try' block, found 'echo'"),
    ("parallel 1️⃣x", "expected '{' or 'for' after 'parallel', found 'x'"),
    ("include 1️⃣x", "expected a quoted path after 'include', found 'x'"),
    ("fn f(1️⃣1) { }", "expected a parameter name, found '1'"),
    ("let 1️⃣and = 1", "'and' is reserved and cannot be used as a name"),
    ("echo $(true 1️⃣\n", "expected ')' to close '$(' at 1:6, found the end of the line"),
    ("echo 1️⃣$ x", "'$' must be followed by a name, '{' or '('"),
  ])
  func syntaxErrorsPointAtTheirToken(_ marked: String, _ message: String) {
    let result = diagnose(marked)
    let first = result.found.first
    #expect(first?.message == message)
    #expect(first?.offset == result.expected["1️⃣"])
  }

  @Test(arguments: [
    "for i in 1..3 {", "if x {\n  echo", "echo \"open", "let x = (1 +", "let l = [1,", "echo 'raw",
    "try { true }", "echo ${x", "echo \\",
  ])
  func unfinishedInputIsIncomplete(_ text: String) {
    #expect(Parser.parse(text, name: "<repl>").isIncomplete)
  }

  @Test(arguments: ["echo )", "let = 3", "}", "let x = 1 2", "echo $(true\nx"])
  func realErrorsAreNotIncomplete(_ text: String) {
    let result = Parser.parse(text, name: "<repl>")
    #expect(!result.diagnostics.isEmpty)
    #expect(!result.isIncomplete)
  }

  @Test func severalErrorsAreReportedInOneRun() {
    let result = Parser.parse("let = 1\nlet ok = 2\nset = 3\n", name: "t.ccm")
    #expect(result.diagnostics.map(\.range.location.line) == [1, 3])
  }

  @Test func diagnosticRendersLineCaretAndNotes() {
    let result = Script.prepare(
      SourceFile(name: "a.ccm", text: "let x = 1\nset y = 2\n"), loader: InMemoryLoader([:]))
    #expect(
      result.diagnostics.rendered() == """
        a.ccm:2:1: error: cannot assign to 'y': it is not declared
        set y = 2
        ^~~~~~~~~
        note: to declare it use `let y = …`

        """)
  }

  @Test func everyNodeHasARange() throws {
    let text = "let x = [1, 2]\nnode$x stop --now"
    let result = Parser.parse(text, name: "t.ccm")
    #expect(result.diagnostics.isEmpty)
    let statements = result.statements
    #expect(statements.map(\.range.text) == ["let x = [1, 2]", "node$x stop --now"])
    guard case .command(let command) = statements[1].kind else {
      Issue.record("not a command")
      return
    }
    #expect(command.words.map(\.range.text) == ["node$x", "stop", "--now"])
  }

  /// Inputs the fuzzer found; each once made the lexer return an empty token forever.
  @Test(arguments: ["\\\r\r\r\u{0C}wa\rz\r\r\r", "wa\\\r\r", "echo \\\r"])
  func fuzzerFindingsTerminate(_ text: String) {
    _ = Script.prepare(SourceFile(name: "f.ccm", text: text), loader: InMemoryLoader([:]))
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    for (open, close) in [("(", ")"), ("[", "]"), ("{", "}")] {
      let depth = 10_000
      let text =
        open == "{"
        ? String(repeating: "{ ", count: depth) + String(repeating: "} ", count: depth)
        : "let x = " + String(repeating: open, count: depth) + "1"
          + String(repeating: close, count: depth)
      let result = Parser.parse(text, name: "deep.ccm")
      #expect(
        result.diagnostics.first?.message
          == "nesting is too deep (more than \(Parser.maximumDepth) levels)")
    }
    // A flat operator chain is not nesting, however long.
    let chain = "let x = 1" + String(repeating: " + 1", count: 10_000)
    #expect(Parser.parse(chain, name: "t").diagnostics.isEmpty)
    let nots = "let x = " + String(repeating: "not ", count: 10_000) + "true"
    #expect(
      Parser.parse(nots, name: "t").diagnostics.first?.message.hasPrefix("nesting is too deep")
        == true)
    let strings = String(repeating: "echo \"${", count: 5_000)
    #expect(!Parser.parse(strings, name: "t").diagnostics.isEmpty)
  }
}
