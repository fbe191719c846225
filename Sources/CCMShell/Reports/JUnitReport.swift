/// JUnit XML for CI systems: one `<testcase>` per script; each failed `assert`/`expect`,
/// command or wait is a `<failure>`, a script that does not parse (or an interrupted or
/// infrastructure-failed run) an `<error>`; what the script printed is its `<system-out>`.
enum JUnitReport {
  static func render(_ records: [TestCaseRecord], suite: String = "ccmsh") -> String {
    let failures = records.filter { $0.status == .failure }.count
    let errors = records.filter { !$0.passed && $0.status != .failure }.count
    let total = records.reduce(Duration.zero) { $0 + $1.outcome.duration }
    let time = TestCaseRecord.seconds(total)
    let counts =
      "tests=\"\(records.count)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(time)\""
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml += "<testsuites name=\"\(escape(suite))\" \(counts)>\n"
    xml += "  <testsuite name=\"\(escape(suite))\" \(counts) skipped=\"0\">\n"
    xml += seedProperty(records)
    for record in records { xml += testCase(record) }
    xml += "  </testsuite>\n</testsuites>\n"
    return xml
  }

  private static func testCase(_ record: TestCaseRecord) -> String {
    let name = escape(record.name)
    var xml = "    <testcase name=\"\(name)\" classname=\"\(escape(className(record.name)))\""
    xml += " file=\"\(name)\" time=\"\(TestCaseRecord.seconds(record.outcome.duration))\">\n"
    if let problem = record.infrastructureProblem {
      xml += element("error", type: "infrastructure", message: problem, body: problem)
    }
    switch record.outcome.status {
    case .passed:
      break
    case .failed:
      for failure in record.outcome.failures {
        xml += element(
          "failure", type: failure.kind.rawValue,
          message: "\(failure.location): \(failure.message)",
          body: failure.description)
      }
    case .invalid:
      let first = record.outcome.diagnostics.first.map(\.summary) ?? "invalid script"
      xml += element(
        "error", type: "invalid", message: first, body: record.outcome.diagnostics.rendered())
    case .cancelled:
      xml += element(
        "error", type: "interrupted", message: "interrupted", body: record.outcome.report)
    }
    if !record.output.isEmpty {
      xml += "      <system-out>\(escape(record.output))</system-out>\n"
    }
    return xml + "    </testcase>\n"
  }

  /// The run's seed, so a CI failure says how to make the same random choices.
  private static func seedProperty(_ records: [TestCaseRecord]) -> String {
    guard let seed = records.first?.outcome.seed else { return "" }
    return "    <properties><property name=\"seed\" value=\"\(seed)\"/></properties>\n"
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
