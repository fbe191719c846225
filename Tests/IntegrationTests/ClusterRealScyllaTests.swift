import CCMCore
import Foundation
import Testing

/// The same life cycle against an official ScyllaDB image, when `CCMSH_TEST_SCYLLA_IMAGE` names
/// one the engine has (no registry is reachable where ccmsh is usually tested).
@Suite(
  "Real ScyllaDB image", .tags(.container),
  .enabled(
    if: ProcessInfo.processInfo.environment["CCMSH_TEST_SCYLLA_IMAGE"]?.isEmpty == false,
    "CCMSH_TEST_SCYLLA_IMAGE is not set"))
struct ClusterRealScyllaTests {
  @Test(arguments: [RuntimeKind.podman, .docker])
  func twoNodeLifecycle(_ kind: RuntimeKind) async throws {
    let image = ProcessInfo.processInfo.environment["CCMSH_TEST_SCYLLA_IMAGE"] ?? ""
    guard await ClusterSuiteGate.shouldRun(kind) else { return }
    let client = try await Engines.client(kind)
    guard try await client.imageExists(image) else {
      print("skipping \(kind.rawValue): it has no image \(image)")
      return
    }
    try await ClusterSandbox(kind, client: client).run { sandbox in
      let name = sandbox.name("real")
      try await sandbox.create(name, nodes: 2, image: image)
      let lifecycle = try await sandbox.lifecycle(name)
      try await lifecycle.start(
        nil, options: StartOptions(readiness: .binaryProtocol, timeout: .seconds(300)))
      #expect(try await lifecycle.status().nodes.map(\.word) == ["UP", "UP"])
      let nodetool = try await lifecycle.runtime.node("node1").exec(
        ExecRequest(["nodetool", "status"], timeout: .seconds(60)))
      #expect(nodetool.standardOutput.components(separatedBy: "UN ").count == 3)
      try await lifecycle.stop(nil, mode: .gentle(timeout: .seconds(60)))
      try await lifecycle.removeCluster()
    }
  }
}
