import Testing
import Yams

@testable import CCMCore

/// The regex-free typing of plain scalars gives Yams' default resolver's answer, always.
@Suite struct PlainScalarTagTests {
  /// What Yams' default resolver (its seven regexes) says `text` is.
  private func yams(_ text: String) -> String { Node(text).tag.rawValue }

  @Test(arguments: [
    "", "~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRue", "yes", "On", "OFF",
    "no", "n", "y", "0", "00", "07", "08", "0o7", "0o", "0b101", "0b", "0b2", "0x1F", "0x", "0xg",
    "12", "-12", "+12", "1_000", "1:30", "1:60", "1:5", "01:30", "190:20:30", "1.5", "-1.5",
    "1.", ".5", ".5e+3", ".5e3", "1e3", "1E-3", "1e", "1.2.3", "1:30.5", "1:30.", ".inf", "-.Inf",
    "+.INF", ".nan", "-.nan", ".NaN", "<<", "=", "==", "2001-12-14", "2001-1-4",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5", "2001-12-14 21:59:43.10 Z", "2001-12-14T21:59:43Z",
    "2001-12-14 21:59:43.10  ",
    "2001-12-14 21:59", "2001-12-14 21:59:43 +05:3", "127.0.0.1", "10.1.2.3", "7199", "'7199'",
    "node1", "ccm-my-c-1234abcd", "1.2", "-", "+", ".", "_", "0_", "1__", "-0", "+0b1", "0x_",
    "12:34:56:78", "1:2:3.4", "9042", "256", "3.0", "/var/lib/scylla",
    "GossipingPropertyFileSnitch",
  ])
  func answersAsYamsDoes(text: String) {
    #expect(PlainScalarTag.name(of: text).rawValue == yams(text), "\(text)")
  }

  /// Every short string over the characters the rules care about.
  @Test func agreesOnEveryShortStringOverTheRulesAlphabet() {
    let alphabet = Array("0159abexoZT:._-+ ")
    var mismatches: [String] = []
    var words = [""]
    for _ in 0..<4 {
      words = words.flatMap { word in alphabet.map { word + String($0) } }
      for word in words where PlainScalarTag.name(of: word).rawValue != yams(word) {
        mismatches.append(word)
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
  }

  /// Read back, a state file answers lookups and types as before, and writes the same bytes.
  @Test func parsedFilesKeepTypesAndRenderTheSame() throws {
    let text = "name: c\nnodes:\n- node1\nipprefix:\nuse_vnodes: true\nport: 7199\nid: '7'\n"
    let mapping = try YAMLFile.parseMapping(text, file: "t")
    #expect(mapping["name"]?.scalarText == "c")
    #expect(mapping["ipprefix"]?.isNull == true)
    #expect(mapping["use_vnodes"]?.bool == true)
    #expect(mapping["port"]?.int == 7199)
    #expect(mapping["id"]?.scalarText == "7")
    let reference = try Yams.compose(yaml: text) ?? Node("")
    let expected = try Yams.serialize(node: reference)
    #expect(try YAMLFile.render(mapping) == expected)
  }
}
