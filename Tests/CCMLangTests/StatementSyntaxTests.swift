import CCMLang
import Testing

/// `help`'s usage lines come from `StatementSyntax`; each one's example must parse, so the help
/// shows the grammar the parser accepts.
@Suite struct StatementSyntaxTests {
  @Test(arguments: StatementSyntax.all.map(\.keyword))
  func exampleParses(_ keyword: String) throws {
    let entry = try #require(StatementSyntax.all.first { $0.keyword == keyword })
    let result = Parser.parse(entry.example, name: "help.ccm")
    #expect(result.diagnostics.isEmpty, "\(entry.example): \(result.diagnostics.map(\.message))")
    #expect(!result.isIncomplete)
    #expect(entry.usage.hasPrefix(keyword + " ") || entry.usage == keyword)
  }

  @Test func everyStatementKeywordHasAUsageLine() {
    let covered = Set(StatementSyntax.all.map(\.keyword))
    #expect(Parser.keywords.subtracting(covered).isEmpty, "\(Parser.keywords.subtracting(covered))")
  }

  @Test func fnShowsItsParenthesisedParameters() throws {
    let fn = try #require(StatementSyntax.all.first { $0.keyword == "fn" })
    #expect(fn.usage == "fn NAME(A, B) { … }")
    #expect(Parser.parse("fn add a b { return a + b }", name: "t").diagnostics.count == 1)
  }
}
