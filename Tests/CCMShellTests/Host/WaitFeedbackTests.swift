import CCMWait
import Foundation
import Testing

@testable import CCMShell

/// `wait until` in the shell: the evaluator's wait observer drives the shared `ProgressLine`.
@Suite struct WaitFeedbackTests {
  private func plainLine(_ capture: PipeCapture) -> ProgressLine {
    ProgressLine(
      style: OutputStyle(fd: capture.writeEnd, isTerminal: false, colour: false),
      plainInterval: .milliseconds(20))
  }

  @Test func aScriptWaitPrintsPlainLinesWithoutEscapes() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let capture = try PipeCapture()
    var setup = ScriptSetup(environment: cli.environment, runner: cli.engine)
    setup.progress = DelayedProgress(line: plainLine(capture))
    let runner = ScriptRunner(setup: setup, output: CapturedOutput())
    // Runs until the first plain line is out (bounded), then Ctrl-C: a loaded machine may
    // delay ticks, so no fixed duration.
    let script = Task {
      await runner.run(text: "wait until 1 == 2 timeout 1m every 50ms", name: "<-c>")
    }
    await capture.waitForData()
    script.cancel()
    #expect(await script.value.status == .interrupted)
    let out = capture.finish()
    let lines = out.split(separator: "\n")
    #expect(lines.count >= 1)
    #expect(lines.allSatisfy { $0.hasPrefix("waiting until 1 == 2  ") && $0.hasSuffix(" / 1m00s") })
    #expect(!out.contains("\u{1B}") && !out.contains("\r"))
  }

  @Test func theLineShowsTheLatestRunningWait() throws {
    let capture = try PipeCapture()
    defer { _ = capture.finish() }
    let line = plainLine(capture)
    let feedback = WaitFeedback(line: line)
    func event(_ id: UInt64, _ phase: WaitProgress.Phase, _ subject: String) -> WaitProgress {
      WaitProgress(
        id: id, phase: phase, subject: subject, elapsed: .zero, timeout: .seconds(60), tries: 0)
    }
    feedback.observe(event(1, .started, "a"))
    feedback.observe(event(2, .started, "b"))
    #expect(line.showing == "waiting until b")
    feedback.observe(event(1, .ended(satisfied: true), "a"))
    #expect(line.showing == "waiting until b")
    feedback.observe(event(3, .started, "c"))
    feedback.observe(event(3, .ended(satisfied: false), "c"))
    #expect(line.showing == "waiting until b")
    feedback.observe(event(2, .ended(satisfied: true), "b"))
    #expect(line.showing == nil)
  }
}
