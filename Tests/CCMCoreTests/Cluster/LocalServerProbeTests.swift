import Foundation
import Testing

@testable import CCMCore

/// `status` without an exec: a scylla process under the container's init that has lived past
/// startsecs is RUNNING, a zombie its supervisor has not reaped yet is not.
@Suite struct LocalServerProbeTests {
  private func procRoot(serverState: String) throws -> String {
    let root = NSTemporaryDirectory() + "ccmsh-proc-\(UUID().uuidString)"
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/100/task/100", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: root + "/101", withIntermediateDirectories: true)
    try "1000.00 10.00\n".write(toFile: root + "/uptime", atomically: true, encoding: .utf8)
    try "101 ".write(toFile: root + "/100/task/100/children", atomically: true, encoding: .utf8)
    // Fields after `(comm)`: state, then 18 more, then starttime (clock ticks after boot): 0.
    let rest = ([serverState] + Array(repeating: "0", count: 20)).joined(separator: " ")
    try "101 (scylla) \(rest)\n".write(
      toFile: root + "/101/stat", atomically: true, encoding: .utf8)
    return root
  }

  @Test func aLiveServerPastStartsecsIsRunning() throws {
    let root = try procRoot(serverState: "S")
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(LocalServerProbe.state(initPID: 100, procRoot: root) == .running)
  }

  @Test func anUnreapedServerIsNotRunning() throws {
    let root = try procRoot(serverState: "Z")
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(LocalServerProbe.state(initPID: 100, procRoot: root) == nil)
  }
}
