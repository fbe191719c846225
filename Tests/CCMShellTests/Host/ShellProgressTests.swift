import Foundation
import Testing

@testable import CCMCore
@testable import CCMShell

/// Long waits show which node waits for what, on a terminal only.
@Suite(.serialized) struct ShellProgressTests {
  @Test func theLineNamesTheNodeAndWhatItWaitsFor() async throws {
    let capture = try PipeCapture()
    let line = ProgressLine(
      style: OutputStyle(fd: capture.writeEnd, isTerminal: true, colour: false),
      redrawInterval: .milliseconds(20))
    let progress = DelayedProgress(line: line, delay: .milliseconds(1))
    await progress.during("start --wait-for-binary-proto") {
      try? await Task.sleep(for: .milliseconds(30))
      ActivityReport.say("node3: waiting for a CQL handshake")
      try? await Task.sleep(for: .milliseconds(100))
    }
    let written = capture.finish()
    #expect(
      written.contains("start --wait-for-binary-proto: node3: waiting for a CQL handshake"),
      "\(written.debugDescription)")
  }

  @Test func onlyOnATerminalWithoutNoColor() {
    // The test's stderr is a pipe or a file: no progress, whatever the environment.
    if isatty(STDERR_FILENO) == 0 {
      #expect(!ShellProgress.enabled(environment: ["TERM": "xterm"]))
    }
    #expect(!ShellProgress.enabled(environment: ["NO_COLOR": "1", "TERM": "xterm"]))
  }

  @Test func outputClearsTheLineFirst() async throws {
    let capture = try PipeCapture()
    let line = ProgressLine(
      style: OutputStyle(fd: capture.writeEnd, isTerminal: true, colour: false),
      redrawInterval: .milliseconds(20))
    let progress = DelayedProgress(line: line, delay: .milliseconds(1))
    let output = CapturedOutput()
    let sink = ProgressClearingOutput(base: output, progress: progress)
    await progress.during("x") {
      try? await Task.sleep(for: .milliseconds(50))
      #expect(line.showing != nil)
      sink.write("out\n")
      #expect(line.showing == nil)
    }
    #expect(output.standardOutput == "out\n")
    _ = capture.finish()
  }
}
