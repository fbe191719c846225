import CCMLang
import CCMWait
import Foundation
import Testing

/// The language's words come from one table each, and one duration grammar serves scripts and
/// the command line.
@Suite struct WordsTests {
  @Test func theParserHelpAndCompletionShareOneTable() {
    #expect(Parser.keywords == Set(StatementKeyword.allCases.map(\.rawValue)))
    #expect(
      StatementSyntax.all.map(\.keyword).starts(with: StatementKeyword.allCases.map(\.rawValue)))
    #expect(Evaluator.builtinCommands == Set(Builtin.allCases.map(\.rawValue)))
  }

  @Test(arguments: [
    ("30s", 30.0), ("1.5m", 90), ("500ms", 0.5), ("100ms", 0.1), ("2h", 7200), ("0s", 0),
  ])
  func durations(_ text: String, _ seconds: Double) {
    #expect(DurationSyntax.seconds(text) == seconds)
    #expect(DurationSyntax.seconds(text, bareNumber: .seconds) == seconds)
  }

  @Test(arguments: ["30", "1e3s", "-1s", ".5s", "5.s", "5x", "s", "", "inf", "1.2.3s"])
  func notDurations(_ text: String) {
    #expect(DurationSyntax.seconds(text) == nil)
  }

  @Test func aBareNumberIsSecondsOnlyWhereAsked() {
    #expect(DurationSyntax.seconds("30", bareNumber: .seconds) == 30)
    #expect(DurationSyntax.seconds("30") == nil)
    #expect(DurationUnit.spelled == "ms, s, m or h")
  }
}
