import Foundation
import Synchronization
import Testing

@testable import CCMCore

/// Error lines, following and collecting, over a log synced from a fake engine.
@Suite struct NodeLogsTests {
  static let log = """
    INFO  2026-01-01 10:00:00,000 [shard 0:main] init - serving
    ERROR 2026-01-01 10:00:01,000 [shard 0:main] storage_service - boom
    WARN  2026-01-01 10:00:02,000 [shard 0:main] x - Assertion `a' failed
    INFO  2026-01-01 10:00:03,000 [shard 0:main] gossip - InetAddress 10.0.0.2 is now UP

    """

  func withNode(_ body: (ContainerNodeBackend, FakeProcessRunner, String) async throws -> Void)
    async throws
  {
    let directory = NSTemporaryDirectory() + "ccmsh-logs-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let runner = FakeProcessRunner { _ in .ok(Self.log) }
    try await body(NodeToolArgvTests.node(.podman, runner, directory: directory), runner, directory)
  }

  @Test func findsErrorLinesAfterSyncing() async throws {
    try await withNode { node, runner, _ in
      let lines = try await NodeLogs.errorLines(node)
      #expect(lines.count == 2)
      #expect(lines[0].contains("boom"))
      #expect(runner.argvs.first == ["podman", "logs", "ccm-c1-node1"])
      // From a mark at the end: nothing new.
      #expect(try await NodeLogs.errorLines(node, from: node.logFile.mark()).isEmpty)
    }
  }

  @Test func followEmitsTheLogAndEndsOnCancel() async throws {
    try await withNode { node, _, _ in
      let seen = Mutex("")
      let task = Task {
        try await NodeLogs.follow(node, interval: .milliseconds(10)) { text in
          seen.withLock { $0 += text }
        }
      }
      while seen.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(5)) }
      task.cancel()
      try await task.value
      #expect(seen.withLock { $0 } == Self.log, "each line once")
    }
  }

  @Test func collectsEveryNodesLogs() async throws {
    try await withNode { node, _, directory in
      let destination = directory + "-collected"
      defer { try? FileManager.default.removeItem(atPath: destination) }
      let written = try await NodeLogs.collect([node], into: destination)
      #expect(written == [destination + "/node1"])
      let copy = try String(contentsOfFile: destination + "/node1/system.log", encoding: .utf8)
      #expect(copy == Self.log)
    }
  }
}
