import Foundation
import Testing

@testable import CCMShell

@Suite struct ProgressLineTests {
  @Test func durationsAreShort() {
    #expect(ProgressLine.format(.milliseconds(400)) == "0s")
    #expect(ProgressLine.format(.seconds(7)) == "7s")
    #expect(ProgressLine.format(.seconds(65)) == "1m05s")
    #expect(ProgressLine.format(.seconds(3725)) == "1h02m")
  }

  @Test func renderShowsElapsedAndTimeout() {
    let text = ProgressLine.render(
      what: "waiting for node2 to be UN", elapsed: .seconds(12), timeout: .seconds(120), width: nil)
    #expect(text == "waiting for node2 to be UN  12s / 2m00s")
    #expect(
      ProgressLine.render(what: "starting", elapsed: .seconds(3), timeout: nil, width: nil)
        == "starting  3s")
  }

  @Test func renderKeepsTheClockWhenCut() {
    let text = ProgressLine.render(
      what: "waiting for every node of the cluster to be UN", elapsed: .seconds(5),
      timeout: .seconds(60), width: 24)
    #expect(text.count <= 24)
    #expect(text.hasSuffix("5s / 1m00s"))
  }

  @Test func colourOnlyOnTerminalsWithoutNoColor() {
    #expect(OutputStyle.colourAllowed(isTerminal: true, environment: ["TERM": "xterm"]))
    #expect(!OutputStyle.colourAllowed(isTerminal: false, environment: ["TERM": "xterm"]))
    #expect(!OutputStyle.colourAllowed(isTerminal: true, environment: ["NO_COLOR": "1"]))
    #expect(OutputStyle.colourAllowed(isTerminal: true, environment: ["NO_COLOR": ""]))
    #expect(!OutputStyle.colourAllowed(isTerminal: true, environment: ["TERM": "dumb"]))
    let plain = OutputStyle(fd: 2, isTerminal: false, colour: false)
    #expect(Colour.red.paint("x", plain) == "x")
    let tty = OutputStyle(fd: 2, isTerminal: true, colour: true)
    #expect(Colour.red.paint("x", tty) == "\u{1B}[31mx\u{1B}[0m")
  }

  @Test func plainModeWritesWholeLinesWithoutEscapes() async throws {
    let capture = try PipeCapture()
    let progress = ProgressLine(
      style: OutputStyle(fd: capture.writeEnd, isTerminal: false, colour: false),
      plainInterval: .milliseconds(50))
    await progress.during("waiting for node1", timeout: .seconds(60)) {
      await capture.waitForData()
    }
    let out = capture.finish()
    let lines = out.split(separator: "\n")
    #expect(lines.count >= 1)
    #expect(lines.allSatisfy { $0.hasPrefix("waiting for node1  ") && $0.hasSuffix(" / 1m00s") })
    #expect(!out.contains("\u{1B}"))
    #expect(!out.contains("\r"))
  }

  /// Output written from inside output (a nested script's sink feeding the outer one) must not
  /// trap on the line's lock.
  @Test func interruptingMayNest() {
    let line = ProgressLine(style: OutputStyle(fd: 2, isTerminal: false, colour: false))
    var written: [String] = []
    line.interrupting {
      written.append("outer")
      line.interrupting { written.append("inner") }
    }
    #expect(written == ["outer", "inner"])
  }
}
