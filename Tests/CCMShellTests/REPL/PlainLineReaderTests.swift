import Foundation
import Testing

@testable import CCMShell

@Suite struct PlainLineReaderTests {
  /// A reader on the read end of a pipe that already holds `text` (and is closed for writing).
  private func reader(for text: String) throws -> PlainLineReader {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    let bytes = Array(text.utf8)
    try #require(write(fds[1], bytes, bytes.count) == bytes.count)
    close(fds[1])
    return try #require(PlainLineReader(fileDescriptor: fds[0]))
  }

  @Test func readsLinesThenEndOfInput() throws {
    let r = try reader(for: "status\nfor n in nodes {\n  stop $n\n}\n")
    #expect(!r.isInteractive)
    #expect(r.readLine(prompt: .primary) == .line("status"))
    #expect(r.readLine(prompt: .primary) == .line("for n in nodes {"))
    #expect(r.readLine(prompt: .continuation) == .line("  stop $n"))
    #expect(r.readLine(prompt: .continuation) == .line("}"))
    #expect(r.readLine(prompt: .primary) == .endOfInput)
    #expect(r.readLine(prompt: .primary) == .endOfInput)
  }

  @Test func lastLineWithoutNewlineAndCRLF() throws {
    let r = try reader(for: "a\r\n\nlast")
    #expect(r.readLine(prompt: .primary) == .line("a"))
    #expect(r.readLine(prompt: .primary) == .line(""))
    #expect(r.readLine(prompt: .primary) == .line("last"))
    #expect(r.readLine(prompt: .primary) == .endOfInput)
  }

  @Test func utf8PassesThroughAndBadBytesAreRepaired() throws {
    let r = try reader(for: "echo héllo ✓ 日本\n")
    #expect(r.readLine(prompt: .primary) == .line("echo héllo ✓ 日本"))
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0x0A]
    try #require(write(fds[1], bytes, bytes.count) == bytes.count)
    close(fds[1])
    let bad = try #require(PlainLineReader(fileDescriptor: fds[0]))
    #expect(bad.readLine(prompt: .primary) == .line("a\u{FFFD}b"))
  }

  @Test func emptyInputIsEndOfInput() throws {
    #expect(try reader(for: "").readLine(prompt: .primary) == .endOfInput)
  }
}
