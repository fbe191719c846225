import CCMLang
import Foundation
import Testing

@testable import CCMShell

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The JUnit report against what CI systems read: Jenkins xUnit's published `junit-10.xsd`
/// (`Tests/Fixtures/junit`, validated with `xmllint`, which `scripts/install-build-deps`
/// installs) and the rules of GitLab's parser (`lib/gitlab/ci/parsers/test/junit.rb`: one
/// top-level `testsuites`, test cases inside `testsuite`s, the status from a `failure`, `error`
/// or `skipped` child, the first `[[ATTACHMENT|path]]` of a failed case's `system-out`).
@Suite struct JUnitSchemaTests {
  static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/junit/junit-10.xsd").path

  /// Every kind of record: passed, two failures in one script (with logs), invalid,
  /// infrastructure, interrupted, and one the interrupted run never reached.
  static func records() -> [TestCaseRecord] {
    let file = SourceFile(name: "b.ccm", text: "expect 1 == 2\nexpect 2 == 3\n")
    let first = ScriptFailure(
      .expectation, "expect failed: 1 == 2", at: SourceRange(file: file, start: 0, end: 13))
    let second = ScriptFailure(
      .expectation, "expect failed: 2 == 3", at: SourceRange(file: file, start: 14, end: 27),
      notes: ["in fn f, called at b.ccm:9 as: f node1"])
    var failed = TestCaseRecord(
      name: "b.ccm",
      outcome: ScriptOutcome(file: "b.ccm", status: .failed, failures: [first, second]),
      output: "x\n")
    failed.logs = "out/logs/b"
    let bad = SourceFile(name: "c.ccm", text: "if {\n")
    var infrastructure = TestCaseRecord(
      name: "d.ccm", outcome: ScriptOutcome(file: "d.ccm", status: .failed), output: "")
    infrastructure.infrastructureProblem = "AIO contexts exhausted"
    return [
      TestCaseRecord(
        name: "dir/a.ccm", outcome: ScriptOutcome(file: "dir/a.ccm", status: .passed),
        output: "hello <&>\n"),
      failed,
      TestCaseRecord(
        name: "c.ccm",
        outcome: ScriptOutcome(
          file: "c.ccm", status: .invalid,
          diagnostics: [
            Diagnostic("expected an expression", at: SourceRange(file: bad, start: 3, end: 4))
          ]),
        output: ""),
      infrastructure,
      TestCaseRecord(
        name: "e.ccm", outcome: ScriptOutcome(file: "e.ccm", status: .cancelled), output: ""),
      TestCaseRecord.notRun("f.ccm"),
    ]
  }

  static let properties = [
    ("ccmsh.version", RunProperties.ccmshVersion), ("engine", "podman"), ("image", "img:1"),
  ]

  @Test func theReportValidatesAgainstJenkinsXUnitSchema() throws {
    guard
      let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first(where: {
        FileManager.default.isExecutableFile(atPath: $0)
      })
    else {
      // A tool the repo's scripts install: required where the suite must be complete.
      #expect(
        ProcessInfo.processInfo.environment["CCMSH_REQUIRE_ENGINES"] != "1",
        "xmllint is missing (scripts/install-build-deps installs libxml2-utils)")
      return
    }
    let report = FileManager.default.temporaryDirectory
      .appendingPathComponent("ccmsh-junit-\(UUID().uuidString).xml")
    defer { try? FileManager.default.removeItem(at: report) }
    try Data(
      JUnitReport.render(Self.records(), properties: Self.properties).utf8
    ).write(to: report)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: xmllint)
    process.arguments = ["--noout", "--schema", Self.schema, report.path]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 0, "\(message)")
  }

  /// GitLab's reading of the report: every script is found with its status, a failed one's
  /// details hold all its failures, and its attachment is its logs directory.
  @Test func gitLabsParserRulesFindEveryScriptAndItsLogs() throws {
    let xml = JUnitReport.render(Self.records(), properties: Self.properties)
    let cases = try GitLabReading.cases(xml)
    #expect(cases.map(\.name) == ["dir/a.ccm", "b.ccm", "c.ccm", "d.ccm", "e.ccm", "f.ccm"])
    #expect(cases.map(\.status) == ["success", "failed", "error", "error", "error", "skipped"])
    let failed = cases[1]
    #expect(failed.details.contains("b.ccm:1:1: error: expect failed: 1 == 2"))
    #expect(failed.details.contains("b.ccm:2:1: error: expect failed: 2 == 3"))
    #expect(failed.details.contains("note: in fn f, called at b.ccm:9 as: f node1"))
    #expect(failed.attachment == "out/logs/b")
    // One `<failure>` per test case: Jenkins' JUnit plugin shows only the first.
    #expect(xml.components(separatedBy: "<failure ").count - 1 == 1)
    #expect(xml.contains("message=\"b.ccm:1: expect failed: 1 == 2 (and 1 more)\""))
    #expect(
      xml.contains("<property name=\"ccmsh.version\" value=\"\(RunProperties.ccmshVersion)\"/>"))
    #expect(xml.contains("log=\"out/logs/b\""))
  }
}

/// A reader that follows GitLab's JUnit parser's rules (see `JUnitSchemaTests`).
private enum GitLabReading {
  struct Case {
    var name = ""
    var status = "success"
    var details = ""
    var systemOut = ""
    var attachment: String? {
      guard let start = systemOut.range(of: "[[ATTACHMENT|"),
        let end = systemOut[start.upperBound...].range(of: "]]")
      else { return nil }
      return String(systemOut[start.upperBound..<end.lowerBound])
    }
  }

  struct Malformed: Error { let reason: String }

  static func cases(_ xml: String) throws -> [Case] {
    let delegate = Collector()
    let parser = XMLParser(data: Data(xml.utf8))
    parser.delegate = delegate
    guard parser.parse() else {
      throw Malformed(reason: "\(parser.parserError.map { "\($0)" } ?? "?")")
    }
    if let problem = delegate.problem { throw Malformed(reason: problem) }
    return delegate.cases
  }

  private final class Collector: NSObject, XMLParserDelegate {
    var cases: [Case] = []
    var problem: String?
    private var path: [String] = []
    private var text = ""

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      if path.isEmpty, name != "testsuites" { problem = "the root is \(name), not testsuites" }
      if name == "testsuites", !path.isEmpty { problem = "testsuites inside \(path)" }
      if name == "testcase" {
        if path.last != "testsuite" { problem = "a testcase outside a testsuite" }
        cases.append(Case(name: attributes["name"] ?? ""))
      }
      if path.last == "testcase", cases[cases.count - 1].status == "success" {
        switch name {
        case "failure": cases[cases.count - 1].status = "failed"
        case "error": cases[cases.count - 1].status = "error"
        case "skipped": cases[cases.count - 1].status = "skipped"
        default: break
        }
      }
      path.append(name)
      text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      path.removeLast()
      guard path.last == "testcase", !cases.isEmpty else { return }
      switch name {
      case "failure", "error", "skipped": cases[cases.count - 1].details += text
      case "system-out": cases[cases.count - 1].systemOut += text
      default: break
      }
    }
  }
}
