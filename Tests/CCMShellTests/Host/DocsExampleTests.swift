import CCMLang
import Foundation
import Testing

@testable import CCMCore
@testable import CCMShell

/// The headline example of docs/language.md runs against the fields the commands really give
/// (`nodetool status` answers with the real `ToolReport` value and the fields `nodetool`
/// declares).
@Suite struct DocsExampleTests {
  /// Answers the example's commands; `nodetool status` as the real command builds its value.
  private struct DocsHost: CommandHost {
    static let status = """
      Datacenter: datacenter1
      =======================
      Status=Up/Down
      |/ State=Normal/Leaving/Joining/Moving
      --  Address      Load    Tokens  Owns  Host ID                               Rack
      UN  10.0.0.1     24 KB   256     ?     41535a64-4c2a-4ce3-b212-f2fad0650d01  rack1
      UN  10.0.0.2     24 KB   256     ?     fb81a637-8d44-464d-aedc-4d58cad064af  rack1
      UN  10.0.0.3     24 KB   256     ?     0b81a637-8d44-464d-aedc-4d58cad064af  rack1

      """

    func run(_ argv: [String], context: CCMLang.CommandContext) async throws
      -> CCMLang.CommandResult
    {
      switch (argv.first, argv.dropFirst().first) {
      case ("liveset", _):
        return CCMLang.CommandResult(fields: ["ips": .list((1...3).map { .string("10.0.0.\($0)") })]
        )
      case (let node?, "nodetool"):
        let output = ToolOutput(
          node: node, tool: "nodetool", exitCode: 0, standardOutput: Self.status, standardError: "")
        let result = ToolReport.finish(
          output, extra: [.init(key: "rows", value: ToolValues.statusRows(Self.status))],
          to: DiscardOutput())
        return CCMLang.CommandResult(
          fields: ValueMapping.fields(NodetoolCommand.scriptFields(result.value)))
      default:
        return CCMLang.CommandResult()
      }
    }
  }

  private struct DiscardOutput: CCMShell.OutputSink {
    func write(_ text: String) {}
    func writeError(_ text: String) {}
  }

  @Test func headlineExampleRuns() async throws {
    let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "docs/language.md")
    let text = try String(contentsOf: docs, encoding: .utf8)
    let start = try #require(text.range(of: "```ccm\n"))
    let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
    // The include names a library beside the reader's scripts; the rest runs as written.
    let example = text[start.upperBound..<end.lowerBound].split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .filter { !$0.hasPrefix("include ") }.joined(separator: "\n")
    var options = EvaluatorOptions()
    options.output = .discard
    options.environment = [:]
    let outcome = await Evaluator(host: DocsHost(), options: options).run(
      SourceFile(name: "language.md", text: example))
    #expect(outcome.status == .passed, "\(outcome.report)")
  }
}
