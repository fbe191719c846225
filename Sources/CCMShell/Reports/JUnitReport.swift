/// JUnit XML for CI systems, valid under Jenkins xUnit's `junit-10.xsd` (checked in a test)
/// and read by GitLab's and Jenkins' JUnit parsers.
///
/// One `<testsuite>` per script, so the script's path is the suite's `file` and its `--logs`
/// directory the suite's `log` (a `<testcase>` may carry neither); the run's facts (ccmsh's
/// version, the engine, the image, the params) are each suite's `<properties>`. The suite holds
/// one `<testcase>`: every failed `assert`/`expect`, command or wait of the script is in its one
/// `<failure>` (Jenkins shows only a test case's first), a script that does not parse (or an
/// interrupted or infrastructure-failed run) is an `<error>`, a script the run never reached
/// (interrupted before it) is `<skipped>`; what the script printed is its `<system-out>`.
enum JUnitReport {
  static func render(
    _ records: [TestCaseRecord], suite: String = "ccmsh", properties: [(String, String)] = []
  ) -> String {
    let failures = records.filter { $0.status == .failure }.count
    let errors = records.filter { !$0.passed && $0.status != .failure && !$0.skipped }.count
    let total = records.reduce(Duration.zero) { $0 + $1.outcome.duration }
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml += "<testsuites name=\"\(escape(suite))\" tests=\"\(records.count)\""
    xml +=
      " failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(TestCaseRecord.seconds(total))\">\n"
    for record in records { xml += testSuite(record, properties: properties) }
    xml += "</testsuites>\n"
    return xml
  }

  private static func testSuite(_ record: TestCaseRecord, properties: [(String, String)]) -> String
  {
    let name = escape(record.name)
    let failed = record.status == .failure ? 1 : 0
    let errored = !record.passed && failed == 0 && !record.skipped ? 1 : 0
    let time = TestCaseRecord.seconds(record.outcome.duration)
    var xml = "  <testsuite name=\"\(name)\" file=\"\(name)\" tests=\"1\" failures=\"\(failed)\""
    xml += " errors=\"\(errored)\" skipped=\"\(record.skipped ? 1 : 0)\" time=\"\(time)\""
    if let logs = record.logs { xml += " log=\"\(escape(logs))\"" }
    xml += ">\n"
    // The seed says how to make the same random choices again.
    let all = properties + [("seed", record.outcome.seed.description)]
    if !all.isEmpty {
      xml += "    <properties>\n"
      for (key, value) in all {
        xml += "      <property name=\"\(escape(key))\" value=\"\(escape(value))\"/>\n"
      }
      xml += "    </properties>\n"
    }
    return xml + testCase(record) + "  </testsuite>\n"
  }

  private static func testCase(_ record: TestCaseRecord) -> String {
    let name = escape(record.name)
    var xml = "    <testcase name=\"\(name)\" classname=\"\(escape(className(record.name)))\""
    xml += " time=\"\(TestCaseRecord.seconds(record.outcome.duration))\">\n"
    if let problem = record.infrastructureProblem {
      xml += element("error", type: "infrastructure", message: problem, body: problem)
    }
    let logsLine = record.logs.map { "logs: \($0)\n" } ?? ""
    switch record.outcome.status {
    case .passed:
      break
    case .failed:
      let failures = record.outcome.failures
      if let first = failures.first {
        let more = failures.count > 1 ? " (and \(failures.count - 1) more)" : ""
        xml += element(
          "failure", type: first.kind.rawValue,
          message: "\(first.location): \(first.message)\(more)",
          body: failures.map(\.description).joined(separator: "\n") + logsLine)
      }
    case .invalid:
      let first = record.outcome.diagnostics.first.map(\.summary) ?? "invalid script"
      xml += element(
        "error", type: "invalid", message: first, body: record.outcome.diagnostics.rendered())
    case .cancelled where record.skipped:
      xml += "      <skipped message=\"\(escape(TestCaseRecord.notRunReason))\"/>\n"
    case .cancelled:
      xml += element(
        "error", type: "interrupted", message: "interrupted",
        body: record.outcome.report + logsLine)
    }
    var output = record.output
    // Jenkins' attachments plugin and GitLab link a file named this way in the output.
    if let logs = record.logs { output += "[[ATTACHMENT|\(logs)]]\n" }
    if !output.isEmpty {
      xml += "      <system-out>\(escape(output))</system-out>\n"
    }
    return xml + "    </testcase>\n"
  }

  private static func element(
    _ tag: String, type: String, message: String, body: String
  ) -> String {
    "      <\(tag) type=\"\(escape(type))\" message=\"\(escape(message))\">\(escape(body))</\(tag)>\n"
  }

  /// `scripts/examples/quickstart.ccm` → `scripts.examples.quickstart`, as JUnit viewers group.
  static func className(_ path: String) -> String {
    let trimmed = path.hasSuffix(".ccm") ? String(path.dropLast(4)) : path
    return trimmed.split(separator: "/").filter { $0 != "." && $0 != ".." }.joined(separator: ".")
  }

  /// XML text and attribute escaping; control characters other than tab/newline are dropped
  /// (XML 1.0 cannot carry them, and terminal escapes in output are common).
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
