/// TAP version 13: `ok N - path` or `not ok N - path`, each failure followed by a YAML block
/// (message, severity, at, source, notes, logs, duration), as bats prints it; a script the
/// interrupted run never reached is `ok N - path # SKIP …`.
enum TAPReport {
  static func render(_ records: [TestCaseRecord]) -> String {
    var tap = "TAP version 13\n1..\(records.count)\n"
    for (index, record) in records.enumerated() {
      if record.skipped {
        tap += "ok \(index + 1) - \(record.name) # SKIP \(TestCaseRecord.notRunReason)\n"
        continue
      }
      tap += "\(record.passed ? "ok" : "not ok") \(index + 1) - \(record.name)\n"
      if !record.passed { tap += diagnostics(record) }
    }
    return tap
  }

  private static func diagnostics(_ record: TestCaseRecord) -> String {
    var fields: [(String, String)] = []
    if let problem = record.infrastructureProblem {
      fields = [("message", problem), ("severity", "infrastructure")]
    } else if let failure = record.outcome.failures.first {
      fields = [
        ("message", failure.message), ("severity", "fail"), ("kind", failure.kind.rawValue),
        ("at", failure.location), ("source", failure.source),
      ]
      // The wait's last observation, the operands' values, the fn's calling line, the branch.
      if !failure.notes.isEmpty { fields.append(("notes", failure.notes.joined(separator: "\n"))) }
      if record.outcome.failures.count > 1 {
        fields.append(("failures", String(record.outcome.failures.count)))
        let others = record.outcome.failures.dropFirst().map { "\($0.location): \($0.message)" }
        fields.append(("more", others.joined(separator: "\n")))
      }
    } else if let diagnostic = record.outcome.diagnostics.first {
      fields = [
        ("message", diagnostic.message), ("severity", "invalid"),
        ("at", "\(diagnostic.range.file.name):\(diagnostic.range.location.line)"),
      ]
    } else {
      fields = [("message", "interrupted"), ("severity", "interrupted")]
    }
    if let logs = record.logs { fields.append(("logs", logs)) }
    fields.append(("duration_ms", String(record.milliseconds)))
    fields.append(("seed", record.outcome.seed.description))
    var block = "  ---\n"
    for (key, value) in fields { block += "  \(key): \(quote(value))\n" }
    return block + "  ...\n"
  }

  /// A YAML double-quoted scalar (always quoted: messages contain `:` and `#`).
  static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
