import CCMLang
import Testing

@testable import CCMShell

/// `help` for language words comes from the language's tables, and the command line reads
/// durations with the scripts' grammar.
@Suite struct HelpWordsTests {
  @Test func helpForFnShowsTheFormTheParserAccepts() {
    #expect(HelpText.answer(["help", "fn"])?.text.hasPrefix("fn NAME(A, B) { … }") == true)
  }

  @Test func everyKeywordAndBuiltinHasHelp() {
    let words = StatementKeyword.allCases.map(\.rawValue) + Builtin.allCases.map(\.rawValue)
    for word in words {
      #expect(HelpText.answer(["help", word])?.text.hasPrefix("no help") == false, "\(word)")
    }
  }

  @Test func cliDurationsUseTheScriptGrammar() {
    #expect(DurationArgument(argument: "1.5m")?.duration == .seconds(90))
    #expect(DurationArgument(argument: "30")?.duration == .seconds(30))
    #expect(DurationArgument(argument: "1e3") == nil)
    #expect(DurationArgument(argument: "5x") == nil)
  }
}
