import Foundation

/// A pipe standing in for stderr, so feedback written to a descriptor can be read back.
final class PipeCapture {
  let readEnd: Int32
  let writeEnd: Int32

  init() throws {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw POSIXError(.EMFILE) }
    readEnd = fds[0]
    writeEnd = fds[1]
  }

  /// Waits (bounded) until something is readable: a loaded machine may delay ticks.
  func waitForData() async {
    var ready = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
    for _ in 0..<200 where poll(&ready, 1, 0) == 0 {
      try? await Task.sleep(for: .milliseconds(50))
    }
  }

  /// Closes the write end and reads everything written.
  func finish() -> String {
    close(writeEnd)
    defer { close(readEnd) }
    var data: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = read(readEnd, &chunk, chunk.count)
      if n <= 0 { break }
      data += chunk[0..<n]
    }
    return String(decoding: data, as: UTF8.self)
  }
}
