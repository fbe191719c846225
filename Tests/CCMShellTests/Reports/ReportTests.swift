import CCMLang
import Testing

@testable import CCMShell

/// Golden JUnit XML and TAP 13 for a passed, a failed and an invalid script.
@Suite struct ReportTests {
  static func records() -> [TestCaseRecord] {
    let file = SourceFile(name: "b.ccm", text: "echo x\nassert $(status).ok\n")
    let failure = ScriptFailure(
      .assertion, "assert failed: <ok> & \"quoted\"",
      at: SourceRange(file: file, start: 7, end: 26),
      notes: ["ok is false"])
    let bad = SourceFile(name: "c.ccm", text: "if {\n")
    let diagnostic = Diagnostic(
      "expected an expression", at: SourceRange(file: bad, start: 3, end: 4))
    return [
      TestCaseRecord(
        name: "dir/a.ccm",
        outcome: ScriptOutcome(
          file: "dir/a.ccm", status: .passed, checks: 2, duration: .milliseconds(1500)),
        output: "hello\n"),
      TestCaseRecord(
        name: "b.ccm",
        outcome: ScriptOutcome(
          file: "b.ccm", status: .failed, checks: 1, failures: [failure],
          duration: .milliseconds(20)),
        output: "x\n\u{1B}[2Kdone\n"),
      TestCaseRecord(
        name: "c.ccm",
        outcome: ScriptOutcome(file: "c.ccm", status: .invalid, diagnostics: [diagnostic]),
        output: ""),
    ]
  }

  @Test func junit() {
    let expected = """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="ccmsh" tests="3" failures="1" errors="1" time="1.520">
        <testsuite name="dir/a.ccm" file="dir/a.ccm" tests="1" failures="0" errors="0" skipped="0" time="1.500">
          <properties>
            <property name="seed" value="0"/>
          </properties>
          <testcase name="dir/a.ccm" classname="dir.a" time="1.500">
            <system-out>hello
      </system-out>
          </testcase>
        </testsuite>
        <testsuite name="b.ccm" file="b.ccm" tests="1" failures="1" errors="0" skipped="0" time="0.020">
          <properties>
            <property name="seed" value="0"/>
          </properties>
          <testcase name="b.ccm" classname="b" time="0.020">
            <failure type="assertion" message="b.ccm:2: assert failed: &lt;ok&gt; &amp; &quot;quoted&quot;">b.ccm:2:1: error: assert failed: &lt;ok&gt; &amp; &quot;quoted&quot;
      assert $(status).ok
      ^~~~~~~~~~~~~~~~~~~
      note: ok is false
      </failure>
            <system-out>x
      [2Kdone
      </system-out>
          </testcase>
        </testsuite>
        <testsuite name="c.ccm" file="c.ccm" tests="1" failures="0" errors="1" skipped="0" time="0.000">
          <properties>
            <property name="seed" value="0"/>
          </properties>
          <testcase name="c.ccm" classname="c" time="0.000">
            <error type="invalid" message="1:4: expected an expression">c.ccm:1:4: error: expected an expression
      if {
         ^
      </error>
          </testcase>
        </testsuite>
      </testsuites>

      """
    #expect(JUnitReport.render(Self.records()) == expected)
  }

  @Test func tap() {
    let expected = """
      TAP version 13
      1..3
      ok 1 - dir/a.ccm
      not ok 2 - b.ccm
        ---
        message: "assert failed: <ok> & \\"quoted\\""
        severity: "fail"
        kind: "assertion"
        at: "b.ccm:2"
        source: "assert $(status).ok"
        notes: "ok is false"
        duration_ms: "20"
        seed: "0"
        ...
      not ok 3 - c.ccm
        ---
        message: "expected an expression"
        severity: "invalid"
        at: "c.ccm:1"
        duration_ms: "0"
        seed: "0"
        ...

      """
    #expect(TAPReport.render(Self.records()) == expected)
  }

  /// N5: a script an interrupted run never reached is reported, as skipped.
  @Test func scriptsNotRunAreSkippedInTAP() {
    let records = [Self.records()[0], TestCaseRecord.notRun("later.ccm")]
    #expect(
      TAPReport.render(records)
        == "TAP version 13\n1..2\nok 1 - dir/a.ccm\nok 2 - later.ccm # SKIP \(TestCaseRecord.notRunReason)\n"
    )
    #expect(
      JUnitReport.render(records).contains("<skipped message=\"\(TestCaseRecord.notRunReason)\"/>"))
  }

  @Test func statusesCombineToTheMostSevere() {
    #expect(ExitStatus.combined([.ok, .failure, .invalidScript]) == .invalidScript)
    #expect(ExitStatus.combined([.ok, .ok]) == .ok)
    #expect(ExitStatus.combined([]) == .ok)
    #expect(ExitStatus.combined([.failure, .interrupted]) == .interrupted)
    var record = Self.records()[1]
    record.infrastructureProblem = "no runtime"
    #expect(record.status == .infrastructure)
    #expect(
      JUnitReport.render([record]).contains(
        "<error type=\"infrastructure\" message=\"no runtime\">"))
  }
}
