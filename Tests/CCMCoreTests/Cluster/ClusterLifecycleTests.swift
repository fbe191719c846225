import Foundation
import Testing

@testable import CCMCore

/// start/stop/status/remove against a simulated podman: container reuse, one-call status, and
/// remove completing after partial failures.
@Suite struct ClusterLifecycleTests {
  private typealias Fixture = SimulatedCluster

  private func fixture(nodes: Int = 1) async throws -> Fixture {
    try await SimulatedCluster.make(nodes: nodes)
  }

  /// podman's inspect answer for one container.
  private func container(
    _ name: String, status: String, labels: [String: String] = [:], address: String = "10.1.1.2"
  ) throws -> String {
    let labelJSON = String(
      decoding: try JSONSerialization.data(withJSONObject: labels), as: UTF8.self)
    return
      #"[{"Id":"id-\#(name)","Name":"\#(name)","Image":"0123","State":{"Status":"\#(status)","ExitCode":0,"Pid":1},"Config":{"Hostname":"node1","Image":"localhost/img:1","Labels":\#(labelJSON),"Env":[]},"NetworkSettings":{"Networks":{"ccm-c1":{"IPAddress":"\#(address)"}}},"Mounts":[]}]"#
  }

  private func digest(_ fixture: Fixture) throws -> String {
    let node = fixture.cluster.nodes[0]
    let spec = NodeContainerSpec.build(
      node: node, of: fixture.cluster, containerName: node.dockerName ?? "",
      seeds: fixture.cluster.seedAddresses(for: node), configDirectory: fixture.root)
    return try #require(spec.labels[ContainerLabels.specDigest])
  }

  @Test func stoppedContainerWithTheSameArgumentsIsReused() async throws {
    let fixture = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    let name = try #require(fixture.cluster.nodes[0].dockerName)
    let json = try container(
      name, status: "exited", labels: [ContainerLabels.specDigest: try digest(fixture)])
    fixture.engine.update { $0.containers = json }
    try await fixture.lifecycle.start(nil, options: StartOptions(readiness: .launched))
    #expect(fixture.runner.argvs.contains(["podman", "start", name]))
    #expect(!fixture.runner.argvs.contains { $0.dropFirst().first == "run" })
    let node = try fixture.lifecycle.runtime.load().nodes[0]
    #expect(node.status == .up && node.dockerID == "id-\(name)")
  }

  @Test func changedArgumentsRecreateTheContainer() async throws {
    let fixture = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    let name = try #require(fixture.cluster.nodes[0].dockerName)
    let json = try container(name, status: "exited", labels: [ContainerLabels.specDigest: "old"])
    fixture.engine.update { $0.containers = json }
    try await fixture.lifecycle.start(nil, options: StartOptions(readiness: .launched))
    let verbs = fixture.runner.argvs.compactMap { $0.dropFirst().first }
    let remove = try #require(verbs.firstIndex(of: "rm"))
    let run = try #require(verbs.firstIndex(of: "run"))
    #expect(remove < run)
  }

  @Test func runningNodesAreNotStartedAgain() async throws {
    let fixture = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    let name = try #require(fixture.cluster.nodes[0].dockerName)
    let json = try container(name, status: "running")
    fixture.engine.update { $0.containers = json }
    #expect(try await fixture.lifecycle.start(nil, options: StartOptions()) == [])
  }

  @Test func statusIsOneEngineCallForTheWholeCluster() async throws {
    let fixture = try await fixture(nodes: 3)
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    let names = fixture.cluster.nodes.compactMap(\.dockerName)
    let json = try container(names[1], status: "paused")
    fixture.engine.update { $0.containers = json }
    let before = fixture.runner.argvs.count
    let status = try await fixture.lifecycle.status()
    #expect(fixture.runner.argvs.count == before + 1)
    #expect(fixture.runner.argvs.last == ["podman", "inspect", "--type", "container"] + names)
    #expect(
      status.nodes.map(\.word) == ["DOWN (Not initialized)", "PAUSED", "DOWN (Not initialized)"])
    #expect(status.nodes.map(\.isLive) == [false, false, false])
  }

  @Test func pauseOfAStoppedNodeIsAClearError() async throws {
    let fixture = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    await #expect(
      throws: CCMError.nodeState(node: "node1", problem: "cannot pause: it is not running")
    ) { try await fixture.lifecycle.pause("node1") }
    await #expect(throws: CCMError.nodeNotFound(node: "node7", cluster: "c1")) {
      try await fixture.lifecycle.pause("node7")
    }
  }

  @Test func removeToleratesWhatIsAlreadyGone() async throws {
    let fixture = try await fixture(nodes: 2)
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    let gone = FakeProcessRunner(installed: ["podman"]) { command in
      switch command.arguments.first {
      case "rm":
        return .fail(125, "Error: no container with name or id \"x\" found: no such container")
      case "network":
        return .fail(125, "Error: unable to find network with name or ID ccm-c1: network not found")
      case "ps": return .ok("[]")
      default: return .ok()
      }
    }
    let runtime = ClusterRuntime(
      operations: fixture.lifecycle.runtime.operations, clusterName: "c1",
      client: makeClient(.podman, gone))
    try await ContainerLifecycle(runtime: runtime).removeCluster()
    #expect(!FileManager.default.fileExists(atPath: fixture.cluster.directory))
  }

  @Test func removeKeepsTheStateWhenAContainerCannotBeRemoved() async throws {
    let fixture = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    let stuck = FakeProcessRunner(installed: ["podman"]) { command in
      switch command.arguments.first {
      case "rm": return .fail(125, "Error: device or resource busy")
      case "ps": return .ok("[]")
      default: return .ok()
      }
    }
    let runtime = ClusterRuntime(
      operations: fixture.lifecycle.runtime.operations, clusterName: "c1",
      client: makeClient(.podman, stuck))
    await #expect(throws: ContainerError.self) {
      try await ContainerLifecycle(runtime: runtime).removeCluster()
    }
    #expect(FileManager.default.fileExists(atPath: fixture.cluster.directory + "/cluster.conf"))
  }

  @Test func notAContainerClusterIsSaidClearly() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(
      atPath: root + "/install/conf", withIntermediateDirectories: true)
    try BaseScyllaYAML.builtInDefault.write(
      toFile: root + "/install/conf/scylla.yaml", atomically: true, encoding: .utf8)
    let operations = ClusterOperations(store: ClusterStore(root: root))
    try operations.create(ClusterSpec(name: "plain", source: .installDirectory(root + "/install")))
    await #expect(throws: CCMError.notAContainerCluster("plain")) {
      _ = try await ClusterRuntime.resolve(
        operations, cluster: "plain", environment: [:], runner: FakeProcessRunner())
    }
  }
}
