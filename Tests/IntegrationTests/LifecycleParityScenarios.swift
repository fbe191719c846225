import CCMWait
import Foundation
import Testing

@testable import CCMCore

/// The life cycle behaves the same on both engines: a restarted node is reachable by its peers
/// when `restart` returns, a partition holds across a start, same-named clusters of two config
/// dirs coexist, and two ccmsh on one cluster do not both report success.
enum LifecycleParityScenario: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case restartedNodeKeepsItsMAC
  case partitionHoldsAcrossAStart
  case sameNameInTwoConfigDirectories
  case startRacingRemove

  var testDescription: String { rawValue }

  func run(on kind: RuntimeKind) async throws {
    let client = try await Engines.client(kind)
    switch self {
    case .restartedNodeKeepsItsMAC: try await Self.restart(kind, client)
    case .partitionHoldsAcrossAStart: try await Self.partition(kind, client)
    case .sameNameInTwoConfigDirectories: try await Self.twoConfigDirectories(kind, client)
    case .startRacingRemove: try await Self.startRacingRemove(kind, client)
    }
  }

  static func mac(of node: ContainerNodeBackend) async throws -> String {
    try await ToolRun.exec(node, ["cat", "/sys/class/net/eth0/address"]).standardOutput
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// After `restart --wait-other-notice` returns, the node has its old MAC and a peer reaches
  /// its CQL port at once; every node sees every other UN within a few seconds.
  static func restart(_ kind: RuntimeKind, _ client: any ContainerClient) async throws {
    try await ClusterSandbox(kind, client: client).run { s in
      let name = s.name("mac")
      try await s.create(name, nodes: 3)
      let lifecycle = try await s.lifecycle(name)
      _ = try await lifecycle.start(nil, options: .test())
      let nodes = try lifecycle.runtime.nodes()
      for node in nodes {
        try await ToolsLifecycleScenario.waitForCodes(from: node, ["UN", "UN", "UN"])
      }
      let before = try await mac(of: nodes[0])
      let address = try await ToolRun.address(of: nodes[0])
      // node2 talks to node1 so it has an ARP entry for it.
      _ = try await ToolRun.exec(nodes[1], ["sh", "-c", "nc -w 1 \(address) 9042 </dev/null"])
      try await lifecycle.restart(
        ["node1"], stopTimeout: .seconds(10), options: .test(otherNotice: .wait))
      #expect(try await mac(of: nodes[0]) == before)
      let reach = try await ToolRun.exec(
        nodes[1], ["sh", "-c", "nc -w 2 \(address) 9042 </dev/null"])
      #expect(reach.succeeded, "node2 cannot reach node1 right after its restart")
      let clock = ContinuousClock()
      let start = clock.now
      for node in nodes {
        try await ToolsLifecycleScenario.waitForCodes(from: node, ["UN", "UN", "UN"])
      }
      #expect(clock.now - start < .seconds(15))
      try await lifecycle.removeCluster()
    }
  }

  /// node3 stopped, then cut off: it starts still cut off; `heal` puts it back.
  static func partition(_ kind: RuntimeKind, _ client: any ContainerClient) async throws {
    try await ClusterSandbox(kind, client: client).run { s in
      let name = s.name("part")
      try await s.create(name, nodes: 3)
      let lifecycle = try await s.lifecycle(name)
      _ = try await lifecycle.start(nil, options: .test())
      let runtime = lifecycle.runtime
      let cluster = try runtime.load()
      let network = try #require(cluster.conf.clusterNetwork)
      let nodes = try runtime.nodes()
      try await lifecycle.stop(["node3"], mode: .gentle(timeout: .seconds(5)))
      let faults = NetworkFaults(
        client: client, network: network, clusterDirectory: cluster.directory)
      let record = try await faults.partition(
        [["node1", "node2"], ["node3"]],
        containers: Dictionary(uniqueKeysWithValues: nodes.map { ($0.nodeName, $0.containerName) }),
        fixed: runtime.fixedAttachments(of: cluster))
      #expect(record.isolated.map(\.node) == ["node3"])
      _ = try await lifecycle.start(["node3"], options: .test(readiness: .readyLine))
      let info = try await client.inspect(nodes[2].containerName)
      #expect(info.state.status == .running)
      #expect(info.networks[network] == nil, "node3 is back on the network after its start")
      try await ToolsLifecycleScenario.waitForCodes(from: nodes[0], ["UN", "UN", "DN"])
      #expect(try await faults.heal() == ["node3"])
      try await ToolsLifecycleScenario.waitForCodes(from: nodes[0], ["UN", "UN", "UN"])
      try await lifecycle.removeCluster()
    }
  }

  /// One cluster name in two config dirs: both are created and run side by side.
  static func twoConfigDirectories(_ kind: RuntimeKind, _ client: any ContainerClient) async throws
  {
    let first = ClusterSandbox(kind, client: client)
    let second = ClusterSandbox(kind, client: client)
    let name = first.name("twin")
    try await first.run { a in
      try await second.run { b in
        try await a.create(name, nodes: 1)
        try await b.create(name, nodes: 1)
        let one = try await a.lifecycle(name)
        let two = try await b.lifecycle(name)
        _ = try await one.start(nil, options: .test(readiness: .readyLine))
        _ = try await two.start(nil, options: .test(readiness: .readyLine))
        let names = try [one, two].map { try $0.runtime.node("node1").containerName }
        #expect(names[0] != names[1])
        for name in names { #expect(try await client.inspect(name).state.status == .running) }
        try await one.removeCluster()
        #expect(try await client.inspect(names[1]).state.status == .running)
        try await two.removeCluster()
      }
    }
  }

  /// `ccmsh start` and `ccmsh remove` at once: never a `start` that exits 0 with the cluster
  /// gone or half-removed.
  static func startRacingRemove(_ kind: RuntimeKind, _ client: any ContainerClient) async throws {
    guard let binary = BuiltCCMSH.path else { return }
    try await ClusterSandbox(kind, client: client).run { s in
      let ccmsh = { (arguments: [String]) throws -> Process in
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = [
          "CCM_CONFIG_DIR": s.root,
          "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
      }
      let name = s.name("race")
      let create = try ccmsh([
        "create", name, "-n", "3", "--docker-image", Engines.testImage, "--container-runtime",
        kind.rawValue,
      ])
      create.waitUntilExit()
      #expect(create.terminationStatus == 0)
      let start = try ccmsh(["start", "--wait-for-binary-proto"])
      try await Task.sleep(for: .milliseconds(300))
      let remove = try ccmsh(["remove", name])
      remove.waitUntilExit()
      start.waitUntilExit()
      // Serialised either way: the cluster is whole (remove was refused as busy) or gone
      // entirely (remove ran before or after start); never half of it with a start that says 0.
      if s.operations.store.exists(name) {
        #expect(remove.terminationStatus != 0)
        #expect(start.terminationStatus == 0)
        let status = try await s.lifecycle(name).status()
        #expect(status.nodes.count == 3)
        try await s.lifecycle(name).removeCluster()
      } else {
        #expect(remove.terminationStatus == 0)
        #expect(try await client.list(labels: s.labels).isEmpty)
      }
    }
  }
}

@Suite(
  "Life cycle parity on podman", .tags(.container, .podman),
  .enabled("podman answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.podman)
  })
struct PodmanLifecycleParityTests {
  @Test(arguments: LifecycleParityScenario.allCases)
  func scenario(_ scenario: LifecycleParityScenario) async throws {
    try await EngineSlots.run { try await scenario.run(on: .podman) }
  }
}

@Suite(
  "Life cycle parity on docker", .tags(.container, .docker),
  .enabled("docker answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.docker)
  })
struct DockerLifecycleParityTests {
  @Test(arguments: LifecycleParityScenario.allCases)
  func scenario(_ scenario: LifecycleParityScenario) async throws {
    try await EngineSlots.run { try await scenario.run(on: .docker) }
  }
}
