import Foundation
import Testing

@testable import CCMCore

/// ccmsh's life cycle against official ScyllaDB images.
///
/// Runs when `CCMSH_TEST_SCYLLA_IMAGE` names some the engine has (comma or space separated; no
/// registry is reachable where ccmsh is usually tested). The test node image's flavours can be
/// named too.
@Suite(
  "Real ScyllaDB image", .tags(.container),
  .enabled(
    if: !RealScyllaImages.list.isEmpty, "CCMSH_TEST_SCYLLA_IMAGE is not set"))
struct ClusterRealScyllaTests {
  /// Start, logs, kill, stop/restart, ownership, updateconf and remove on a 2-node cluster.
  @Test(arguments: [RuntimeKind.podman, .docker], RealScyllaImages.list)
  func lifecycle(_ kind: RuntimeKind, image: String) async throws {
    guard await ClusterSuiteGate.shouldRun(kind) else { return }
    let client = try await Engines.client(kind)
    guard try await client.imageExists(image) else {
      // Named and missing: a failure where engines are required (CI), else a skip that says so.
      if Engines.required {
        let missing = "\(kind.rawValue) has no image \(image) (CCMSH_TEST_SCYLLA_IMAGE names it)"
        Issue.record(Comment(rawValue: missing + " and CCMSH_REQUIRE_ENGINES=1"))
      } else {
        print("skipping \(kind.rawValue): it has no image \(image)")
      }
      return
    }
    try await EngineSlots.run {
      try await ClusterSandbox(kind, client: client).run { sandbox in
        try await Self.scenario(sandbox, image: image)
      }
    }
  }

  static func scenario(_ sandbox: ClusterSandbox, image: String) async throws {
    let name = sandbox.name("real")
    let cluster = try await sandbox.create(name, nodes: 2, image: image)
    let lifecycle = try await sandbox.lifecycle(name)
    // Each node's UP line in the other's log before the ring is read: serving CQL alone does
    // not promise that the peer's gossip has seen the node yet.
    let options = StartOptions(
      readiness: .binaryProtocol, otherNotice: .wait, timeout: .seconds(300))
    try await lifecycle.start(nil, options: options)
    #expect(try await lifecycle.status().nodes.map(\.word) == ["UP", "UP"])
    let node1 = try lifecycle.runtime.node("node1")
    let nodetool = try await node1.exec(ExecRequest(["nodetool", "status"], timeout: .seconds(60)))
    #expect(nodetool.standardOutput.components(separatedBy: "UN ").count == 3)

    // Logs: the server's own lines (its stderr) are in system.log.
    try await node1.syncLog()
    #expect(node1.logFile.text().contains("Starting listening for CQL clients"))

    // Ownership: the data directory is the image user's; nothing is world-writable.
    let profile = try #require(try sandbox.operations.store.load(name).conf.imageProfile)
    var info = stat()
    #expect(stat(cluster.directory + "/node1/data", &info) == 0)
    if getuid() == 0 { #expect(info.st_uid == profile.uid) }

    // Kill: down, and still down a while later (no respawn behind ccmsh's back).
    try await lifecycle.kill("node2", signal: .kill)
    #expect(try await lifecycle.status().nodes[1].word.hasPrefix("DOWN"))
    try await Task.sleep(for: .seconds(5))
    #expect(try await lifecycle.status().nodes[1].word.hasPrefix("DOWN"))
    try await lifecycle.start(["node2"], options: options)

    // updateconf, then a restart with it.
    try sandbox.operations.updateConfiguration(
      ConfigUpdate(arguments: ["read_request_timeout_in_ms:12345"]), cluster: name)
    try await lifecycle.restart(nil, stopTimeout: .seconds(120), options: options)
    let yaml = try await node1.exec(ExecRequest(["cat", "/etc/scylla/scylla.yaml"]))
    #expect(yaml.standardOutput.contains("read_request_timeout_in_ms: 12345"))
    #expect(try await lifecycle.status().nodes.map(\.word) == ["UP", "UP"])

    try await lifecycle.stop(nil, mode: .gentle(timeout: .seconds(120)))
    try await lifecycle.removeCluster()
    #expect(!FileManager.default.fileExists(atPath: cluster.directory))
  }
}

/// The images `CCMSH_TEST_SCYLLA_IMAGE` names (comma or space separated).
enum RealScyllaImages {
  static let list: [String] =
    (ProcessInfo.processInfo.environment["CCMSH_TEST_SCYLLA_IMAGE"]
    ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
}
