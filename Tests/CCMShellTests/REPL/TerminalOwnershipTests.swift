import Foundation
import Testing

@testable import CCMShell

/// While an attached session or a question owns the terminal, no progress line is drawn.
@Suite(.serialized) struct TerminalOwnershipTests {
  @Test func noProgressWhileTheTerminalIsHeld() async throws {
    let capture = try PipeCapture()
    let line = ProgressLine(
      style: OutputStyle(fd: capture.writeEnd, isTerminal: true, colour: false),
      redrawInterval: .milliseconds(10))
    await TerminalOwnership.hold {
      line.start("node1 exec -- sh")
      try? await Task.sleep(for: .milliseconds(100))
      line.update("still")
      line.finish()
    }
    line.start("after")
    line.finish()
    let written = capture.finish()
    #expect(!written.contains("node1 exec"), "\(written.debugDescription)")
    #expect(!written.contains("still"))
    #expect(written.contains("after"))
  }

  @Test func questionsReadOneLineAndOnlyYesIsYes() async throws {
    for (typed, expected) in [
      ("y\n", true), ("yes\n", true), ("\n", false), ("n\n", false), ("", false),
    ] {
      let input = try PipeCapture()
      let output = try PipeCapture()
      let bytes = Array(typed.utf8)
      _ = bytes.withUnsafeBytes { write(input.writeEnd, $0.baseAddress, $0.count) }
      close(input.writeEnd)
      let question = TerminalQuestion(input: input.readEnd, output: output.writeEnd)
      #expect(await question.ask("clear? [y/N] ") == expected, "\(typed.debugDescription)")
      #expect(output.finish().hasPrefix("clear? [y/N] "))
      close(input.readEnd)
    }
  }

  @Test func aQuestionEndsOnCancellation() async throws {
    let input = try PipeCapture()
    let output = try PipeCapture()
    let question = TerminalQuestion(input: input.readEnd, output: output.writeEnd)
    let task = Task { await question.ask("remove? ") }
    try await Task.sleep(for: .milliseconds(50))
    task.cancel()
    #expect(await task.value == false)
    _ = output.finish()
    close(input.writeEnd)
    close(input.readEnd)
  }
}
