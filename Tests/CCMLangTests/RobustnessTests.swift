import CCMLang
import Testing

/// A property-based complement to the libFuzzer run (`fuzz/lang/run.sh`): random sentences
/// from language fragments must always parse to a result, never crash, and an "incomplete"
/// verdict must always be about the end of the input.
@Suite struct RobustnessTests {
  /// A small deterministic generator (SplitMix64), so a failure can be replayed by seed.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
  }

  static let fragments = [
    "let ", "set ", "param ", "if ", " else ", "for ", " in ", "while ", "break", "continue",
    "return ",
    "wait until ", " timeout ", " every ", "assert ", "expect ", "parallel ", "try ",
    " on failure as e ",
    "defer ", "fn f(a, b) ", "include \"x.ccm\"", "x", "y", " = ", "1", "2.5", "30s", "500ms",
    "\"s $x ${y}\"",
    "'raw'", "$(", ")", "${", "}", "{", "[", "]", "(", ",", "..", " == ", " < ", " and ", " not ",
    " + ",
    " * ", ".count", "[0]", "\n", ";", " # c\n", "\\\n", "node$x", " stop", "\"", "'", "$", "\r",
    "\t",
  ]

  @Test func randomSentencesNeverCrashAndIncompleteMeansEndOfInput() {
    var generator = Generator(state: 2026)
    var incomplete = 0
    var valid = 0
    for _ in 0..<5_000 {
      var text = ""
      for _ in 0..<Int(generator.next() % 40) { text += generator.pick(Self.fragments) }
      let preparation = Script.prepare(
        SourceFile(name: "g.ccm", text: text), loader: InMemoryLoader(["x.ccm": "let z = 1"]))
      if preparation.isIncomplete {
        incomplete += 1
        #expect(
          preparation.diagnostics.first?.range.end == text.utf8.count, "\(text.debugDescription)")
      }
      if preparation.program != nil { valid += 1 }
      for diagnostic in preparation.diagnostics { _ = diagnostic.rendered() }
    }
    #expect(incomplete > 0)
    #expect(valid > 0)
  }

  @Test func generatedValidProgramsRunAgainstTheFakeHost() async {
    var generator = Generator(state: 7)
    let statements = [
      "let v = 1", "set v = v + 1", "echo $v", "if v > 2 { echo big } else { echo small }",
      "for i in 1..3 { node$i status }", "expect v < 100", "wait until v >= 0 timeout 1s",
      "parallel { echo a; echo b }", "try { echo t } on failure { echo f }", "defer { echo d }",
      "let r = $(record k=1)", "echo ${r.k}",
    ]
    for _ in 0..<200 {
      var lines = ["let v = 0", "let r = $(record k=0)"]
      for _ in 0..<Int(generator.next() % 12) { lines.append(generator.pick(statements)) }
      let outcome = await Harness().run(lines.joined(separator: "\n"))
      #expect(outcome.status == .passed, "\(lines)\n\(outcome.report)")
    }
  }
}
