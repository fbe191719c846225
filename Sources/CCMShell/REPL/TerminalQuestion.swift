import Foundation

/// A yes/no question at the REPL prompt (`Confirmer`): the question on stderr, one line read
/// from the terminal, yes only for `y` or `yes` (Enter alone, anything else, end of input and
/// Ctrl-C are no).
///
/// Reading polls without blocking a thread of the concurrency pool, so Ctrl-C (which cancels the
/// statement's task) ends the question at once.
struct TerminalQuestion: Sendable {
  var input: Int32 = STDIN_FILENO
  var output: Int32 = STDERR_FILENO
  var pollInterval: Duration = .milliseconds(30)

  func ask(_ question: String) async -> Bool {
    await TerminalOwnership.hold { await answer(question) }
  }

  private func answer(_ question: String) async -> Bool {
    write(question)
    let echo = TerminalEcho.set(input, echo: true)
    let answer = await readLine()
    TerminalEcho.restore(input, echo)
    guard let answer else {
      write("\n")
      return false
    }
    let word = answer.trimmingCharacters(in: .whitespaces).lowercased()
    return word == "y" || word == "yes"
  }

  /// The next line without its newline; nil at end of input or on cancellation.
  private func readLine() async -> String? {
    var bytes: [UInt8] = []
    while !Task.isCancelled {
      var ready = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
      let polled = poll(&ready, 1, 0)
      if polled < 0 && errno != EINTR { return nil }
      guard polled > 0 else {
        try? await Task.sleep(for: pollInterval)
        continue
      }
      var byte: UInt8 = 0
      let count = read(input, &byte, 1)
      if count < 0 && errno == EINTR { continue }
      guard count == 1 else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
      if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
      bytes.append(byte)
    }
    return nil
  }

  private func write(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Foundation.write(output, $0.baseAddress, $0.count) }
  }
}
