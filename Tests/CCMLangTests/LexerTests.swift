import Testing

@testable import CCMLang

@Suite struct LexerTests {
  /// All tokens of `text` in one mode.
  func tokens(_ text: String, _ mode: LexMode) -> [TokenKind] {
    let lexer = Lexer(SourceFile(name: "t", text: text))
    var position = 0
    var kinds: [TokenKind] = []
    while true {
      let (token, next) = lexer.scan(from: position, mode: mode)
      kinds.append(token.kind)
      if token.kind == .endOfInput || next == position { return kinds }
      position = next
    }
  }

  @Test func wordModeKeepsShellWords() {
    #expect(
      tokens("node1 -x a\\ b 'r $x' $n ${ $( ; } # c\n", .word) == [
        .bare("node1"), .bare("-x"), .bare("a b"), .raw("r $x"), .dollarName("n"), .dollarBrace,
        .dollarParen, .semicolon, .symbol(.rightBrace), .newline, .endOfInput,
      ])
  }

  @Test func expressionModeHasNumbersDurationsAndOperators() {
    #expect(
      tokens("1..rounds 2.5 500ms 30s 2m 1h == != <= >= . , x_1", .expression) == [
        .number(1), .symbol(.dotDot), .name("rounds"), .number(2.5), .duration(0.5), .duration(30),
        .duration(120), .duration(3600), .symbol(.equal), .symbol(.notEqual), .symbol(.lessEqual),
        .symbol(.greaterEqual), .symbol(.dot), .symbol(.comma), .name("x_1"), .endOfInput,
      ])
  }

  @Test func newlinesAreSkippedOnlyInsideBrackets() {
    #expect(tokens("1\n2", .expression) == [.number(1), .newline, .number(2), .endOfInput])
    #expect(tokens("1\n2", .nestedExpression) == [.number(1), .number(2), .endOfInput])
    #expect(tokens("a \\\n b", .word) == [.bare("a"), .bare("b"), .endOfInput])
  }

  @Test func stringModeSplitsTextAndInterpolation() {
    #expect(
      tokens(#"a \"b\" $x${"#, .string) == [
        .stringText(#"a "b" "#), .dollarName("x"), .dollarBrace, .endOfInput,
      ])
    #expect(tokens(#"cost $5 \q""#, .string) == [.stringText(#"cost $5 \q"#), .quote, .endOfInput])
  }

  @Test func bareWordsAreTypedLikeLiterals() {
    #expect(Value.typed(bareWord: "3") == .number(3))
    #expect(Value.typed(bareWord: "10s") == .duration(10))
    #expect(Value.typed(bareWord: "3x") == .string("3x"))
    #expect(Value.typed(bareWord: "node1") == .string("node1"))
  }

  @Test func durationsPrintInTheLargestExactUnit() {
    #expect(
      [0.5, 30, 90, 120, 3600, 1.5, 0].map(Value.formatDuration) == [
        "500ms", "30s", "90s", "2m", "1h", "1.5s", "0s",
      ])
  }
}
