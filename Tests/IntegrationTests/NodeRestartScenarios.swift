import CCMWait
import Foundation
import Testing

@testable import CCMCore

/// A node whose server died while its container runs on (the official image's supervisord
/// outlives it), on both test node flavours: a start that changes the node's environment
/// re-creates its container, `--wait-for-binary-proto` probes nodes it did not launch, a death
/// at start is final, a second kill is refused like the first of a stopped node, and a network
/// removed behind ccmsh's back is made again.
enum NodeRestartScenario: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case changedEnvironmentRecreatesTheContainer
  case binaryProtocolWaitProbesRunningNodes
  case deathAtStartIsFinal
  case slowDeathAtStartIsFinal
  case killOfADeadServerIsRefused
  case removedNetworkIsMadeAgain

  var testDescription: String { rawValue }

  func run(on kind: RuntimeKind, image: String) async throws {
    let client = try await Engines.client(kind)
    try await ClusterSandbox(kind, client: client).run { sandbox in
      switch self {
      case .changedEnvironmentRecreatesTheContainer:
        try await Self.changedEnvironmentRecreates(sandbox, image)
      case .binaryProtocolWaitProbesRunningNodes: try await Self.probesRunningNodes(sandbox, image)
      case .deathAtStartIsFinal: try await Self.deathAtStartIsFinal(sandbox, image, delay: nil)
      case .slowDeathAtStartIsFinal: try await Self.deathAtStartIsFinal(sandbox, image, delay: 2)
      case .killOfADeadServerIsRefused: try await Self.killOfADeadServer(sandbox, image)
      case .removedNetworkIsMadeAgain: try await Self.removedNetwork(sandbox, image)
      }
    }
  }

  static let crash = "SCYLLA_TEST_CRASH_AT_START"

  /// Sets (or with nil drops) a variable of node1's own environment, as `NODE start --env` /
  /// `--unset-env` do.
  static func setEnvironment(
    _ sandbox: ClusterSandbox, _ cluster: String, _ values: [String: String?]
  ) throws {
    try sandbox.operations.modify(cluster) { (cluster: inout Cluster) throws(CCMError) in
      guard let index = cluster.nodes.firstIndex(where: { $0.name == "node1" }) else {
        throw .invalidArgument("no node1")
      }
      cluster.nodes[index].unsetEnvironment(values.filter { $0.value == nil }.map(\.key))
      let set = values.compactMapValues { $0 }
      if !set.isEmpty {
        cluster.nodes[index].containerSettings = ContainerSettings(environment: set)
      }
    }
  }

  /// Waits until node1's word starts with `prefix`.
  static func untilWord(_ lifecycle: ContainerLifecycle, _ prefix: String) async throws {
    try await Wait.until("node1 \(prefix)", policy: WaitPolicy(timeout: .seconds(60))) {
      let word = try await lifecycle.status().nodes[0].word
      return word.hasPrefix(prefix) ? .done(()) : .pending(reason: word)
    }
  }

  /// R1: after a crash at start (and after `kill`), a start with a changed environment runs a
  /// new container, so the change applies; the server then answers CQL.
  static func changedEnvironmentRecreates(_ sandbox: ClusterSandbox, _ image: String) async throws {
    let name = sandbox.name("env")
    try await sandbox.create(name, nodes: 1, image: image)
    try setEnvironment(sandbox, name, [crash: "1"])
    let lifecycle = try await sandbox.lifecycle(name)
    await #expect(throws: CCMError.self) { try await lifecycle.start(nil, options: .test()) }
    let crashed = try await lifecycle.status().nodes[0]
    #expect(crashed.state.isRunning, "the container outlives the server")
    try setEnvironment(sandbox, name, [crash: nil])
    try await lifecycle.start(["node1"], options: .test())
    let up = try await lifecycle.status().nodes[0]
    #expect(up.word == "UP")
    #expect(up.containerID != crashed.containerID, "a new container, with the new environment")
    // After kill: the same, with a variable the server does not read.
    try await lifecycle.kill("node1", signal: .kill)
    try setEnvironment(sandbox, name, ["H20_MARK": "after-kill"])
    try await lifecycle.start(["node1"], options: .test())
    let again = try await lifecycle.status().nodes[0]
    #expect(again.word == "UP" && again.containerID != up.containerID)
    let env = try await sandbox.client.exec(again.containerName, ExecRequest(["env"]))
    #expect(env.standardOutput.contains("H20_MARK=after-kill"))
    // Nothing changed: the server comes back in the same container.
    try await lifecycle.kill("node1", signal: .kill)
    try await lifecycle.start(["node1"], options: .test())
    #expect(try await lifecycle.status().nodes[0].containerID == again.containerID)
    try await lifecycle.removeCluster()
  }

  /// R2: a node the supervisor calls STARTING (launched with --no-wait, its CQL held back) and a
  /// RUNNING node whose CQL port is closed are probed by `start --wait-for-binary-proto`.
  static func probesRunningNodes(_ sandbox: ClusterSandbox, _ image: String) async throws {
    let name = sandbox.name("bin")
    try await sandbox.create(
      name, nodes: 1, settings: ContainerSettings(environment: ["SCYLLA_TEST_BOOT_DELAY": "3"]),
      image: image)
    let lifecycle = try await sandbox.lifecycle(name)
    try await lifecycle.start(nil, options: .test(readiness: .launched))
    try await lifecycle.start(nil, options: .test())
    let node = try await lifecycle.status().nodes[0]
    let address = try #require(node.address)
    // It returned only once CQL answered.
    #expect(CQLHandshake.attempt(host: address, port: 9042) == .supported)
    let off = try await sandbox.client.exec(
      node.containerName, ExecRequest(["nodetool", "disablebinary"], timeout: .seconds(30)))
    #expect(off.exitCode == 0, "\(off.standardError)")
    let short = StartOptions(readiness: .binaryProtocol, timeout: .seconds(3))
    do {
      try await lifecycle.start(nil, options: short)
      Issue.record("start --wait-for-binary-proto succeeded with the CQL port closed")
    } catch let error as CCMError {
      #expect(error.message.contains("CQL"), "\(error.message)")
    }
    _ = try await sandbox.client.exec(
      node.containerName, ExecRequest(["nodetool", "enablebinary"], timeout: .seconds(30)))
    try await lifecycle.start(nil, options: .test())
    try await lifecycle.removeCluster()
  }

  /// R3: a server that dies at start (at once, or after it lived past startsecs, RUNNING then
  /// EXITED as under load) is reported, and from then on status says DOWN and liveset leaves it
  /// out: no supervisor retry shows.
  static func deathAtStartIsFinal(
    _ sandbox: ClusterSandbox, _ image: String, delay: Int?
  ) async throws {
    let name = sandbox.name(delay == nil ? "dead" : "slow")
    var environment = [crash: "1"]
    if let delay { environment["SCYLLA_TEST_CRASH_AT_START_DELAY"] = String(delay) }
    try await sandbox.create(
      name, nodes: 1, settings: ContainerSettings(environment: environment), image: image)
    let lifecycle = try await sandbox.lifecycle(name)
    do {
      try await lifecycle.start(nil, options: .test(readiness: .readyLine))
      Issue.record("start of a crashing node succeeded")
    } catch CCMError.serverDied(let node, _, _) {
      #expect(node == "node1")
    }
    var words: [String] = []
    let clock = ContinuousClock()
    let end = clock.now + .seconds(4)
    while clock.now < end {
      let node = try await lifecycle.status().nodes[0]
      words.append(node.word + (node.isLive ? " live" : ""))
      try await Task.sleep(for: .milliseconds(250))
    }
    #expect(
      words.allSatisfy { $0.hasPrefix("DOWN (server ") && !$0.hasSuffix(" live") }, "\(words)")
    try await lifecycle.removeCluster()
  }

  /// N15: once the server is dead in its running container, every `kill` is refused in the same
  /// words, whatever the signal, and the container is left alone.
  static func killOfADeadServer(_ sandbox: ClusterSandbox, _ image: String) async throws {
    let name = sandbox.name("kill")
    try await sandbox.create(name, nodes: 1, image: image)
    let lifecycle = try await sandbox.lifecycle(name)
    try await lifecycle.start(nil, options: .test())
    try await lifecycle.kill("node1", signal: .kill)
    for signal in [ContainerSignal.kill, .terminate, .hangup] {
      do {
        try await lifecycle.kill("node1", signal: signal)
        Issue.record("a second kill \(signal) succeeded")
      } catch CCMError.nodeState(let node, let problem) {
        #expect(node == "node1" && problem == "is not running (start it)", "\(signal): \(problem)")
      }
    }
    #expect(try await lifecycle.status().nodes[0].state.isRunning, "the container still runs")
    try await lifecycle.removeCluster()
  }

  /// N3: the cluster's network removed while the nodes are stopped is made again on the
  /// recorded subnet, and the nodes keep their addresses.
  static func removedNetwork(_ sandbox: ClusterSandbox, _ image: String) async throws {
    let name = sandbox.name("net")
    let cluster = try await sandbox.create(name, nodes: 2, image: image)
    let network = try #require(cluster.conf.clusterNetwork)
    let subnet = try #require(cluster.conf.subnet)
    let lifecycle = try await sandbox.lifecycle(name)
    try await lifecycle.start(nil, options: .test())
    let before = try await lifecycle.status().nodes.map(\.address)
    try await lifecycle.stop(nil, mode: .gentle(timeout: .seconds(30)))
    // As a user would: podman refuses a network with containers unless -f (which removes
    // them too); docker removes one whose containers are stopped.
    let removal = try await SubprocessRunner().run(
      ProcessCommand(
        sandbox.kind.rawValue,
        ["network", "rm"] + (sandbox.kind == .podman ? ["-f"] : []) + [network],
        timeout: .seconds(60)))
    #expect(removal.status.isSuccess, "\(removal.standardError)")
    #expect(try await !sandbox.client.networkExists(network))
    try await lifecycle.start(nil, options: .test())
    let info = try await sandbox.client.inspectNetwork(network)
    #expect(info.subnets.contains(subnet.cidr))
    #expect(info.labels[ContainerLabels.configDirectory] == sandbox.root)
    #expect(try await lifecycle.status().nodes.map(\.address) == before)
    try await lifecycle.removeCluster()
  }
}

@Suite(
  "Podman node restarts", .tags(.container, .podman),
  .enabled("podman answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.podman)
  })
struct PodmanNodeRestartTests {
  @Test(arguments: NodeRestartScenario.allCases, Engines.testImages)
  func scenario(_ scenario: NodeRestartScenario, image: String) async throws {
    try await EngineSlots.run { try await scenario.run(on: .podman, image: image) }
  }
}

@Suite(
  "Docker node restarts", .tags(.container, .docker),
  .enabled("docker answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.docker)
  })
struct DockerNodeRestartTests {
  @Test(arguments: NodeRestartScenario.allCases, Engines.testImages)
  func scenario(_ scenario: NodeRestartScenario, image: String) async throws {
    try await EngineSlots.run { try await scenario.run(on: .docker, image: image) }
  }
}
