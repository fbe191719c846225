import Foundation
import Testing

@testable import CCMCore

/// create/add of container clusters against a simulated podman: order of engine calls, the
/// network set-up, the config cache, and every error path leaving nothing behind.
@Suite struct ClusterSetupTests {
  private func setup(_ engine: SimulatedEngine, _ root: String) -> (
    ContainerClusterSetup, FakeProcessRunner
  ) {
    let runner = engine.makeRunner()
    let operations = ClusterOperations(store: ClusterStore(root: root))
    return (ContainerClusterSetup(operations: operations, environment: [:], runner: runner), runner)
  }

  @Test func createValidatesExtractsAndCreatesTheNetwork() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (setup, runner) = setup(SimulatedEngine(), root)
    let cluster = try await setup.create(
      .testContainer("c1", nodes: 2), settings: ContainerSettings(environment: ["A": "1"]),
      pull: .requirePresent)

    let verbs = runner.argvs.map { Array($0.dropFirst().prefix(2)) }
    #expect(verbs.first == ["image", "inspect"])
    #expect(!runner.argvs.contains { $0.contains("pull") })
    let create = try #require(
      runner.argvs.first { $0.dropFirst().starts(with: ["network", "create"]) })
    #expect(create.contains("--subnet"))
    let network = ContainerNames.network(cluster: "c1", configDirectory: root)
    #expect(create.last == network)
    #expect(create.contains("org.ccmsh.cluster=c1"))

    #expect(cluster.conf.clusterNetwork == network)
    #expect(cluster.conf.containerRuntime == .podman)
    #expect(cluster.conf.dockerImageID == "0123456789abcdef")
    #expect(cluster.conf.containerSettings.environment == ["A": "1"])
    let subnet = try #require(cluster.conf.subnet)
    #expect(cluster.nodes.map { $0.storage?.host } == [subnet.prefix + ".2", subnet.prefix + ".3"])
    // The image's files are cached once and copied into each node's conf/ (the mount hides
    // the image's own /etc/scylla); ccmsh's generated files win.
    #expect(FileManager.default.fileExists(atPath: cluster.directory + "/image-conf/scylla.yaml"))
    #expect(
      FileManager.default.fileExists(atPath: cluster.directory + "/node2/conf/housekeeping.cfg"))
    let yaml = try String(
      contentsOfFile: cluster.directory + "/node2/conf/scylla.yaml", encoding: .utf8)
    #expect(yaml.contains("listen_address: \(subnet.prefix).3"))
    #expect(yaml.contains("seeds: \(subnet.prefix).2,\(subnet.prefix).3"))
    #expect(ClusterStore(root: root).currentClusterName() == "c1")
  }

  @Test func missingImageWritesNothing() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (setup, runner) = setup(SimulatedEngine(.init(imagePresent: false)), root)
    await #expect(throws: CCMError.imageNotFound(image: "localhost/img:1", runtime: "podman")) {
      try await setup.create(
        .testContainer("c1", nodes: 1), settings: .init(), pull: .requirePresent)
    }
    #expect(!FileManager.default.fileExists(atPath: root + "/c1"))
    #expect(!runner.argvs.contains { $0.contains("network") || $0.contains("create") })
    #expect(CCMError.imageNotFound(image: "i", runtime: "podman").message.contains("podman pull i"))
  }

  @Test func pullImageWhenAllowed() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (setup, runner) = setup(SimulatedEngine(.init(imagePresent: false)), root)
    try await setup.create(.testContainer("c1", nodes: 1), settings: .init(), pull: .pullIfMissing)
    #expect(runner.argvs.contains(["podman", "pull", "localhost/img:1"]))
    #expect(FileManager.default.fileExists(atPath: root + "/c1/cluster.conf"))
  }

  @Test func foreignNetworkOfTheSameNameIsRefusedAndNothingIsLeft() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (setup, runner) = setup(
      SimulatedEngine(.init(existingNetworkLabels: ["someone": "else"])), root)
    await #expect(throws: CCMError.self) {
      try await setup.create(
        .testContainer("c1", nodes: 1), settings: .init(), pull: .requirePresent)
    }
    #expect(!FileManager.default.fileExists(atPath: root + "/c1"))
    #expect(!runner.argvs.contains { $0.dropFirst().starts(with: ["network", "rm"]) })
    #expect(ClusterStore(root: root).currentClusterName() == nil)
  }

  @Test func ownLeftoverNetworkIsReusedWithItsSubnet() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let labels = ContainerLabels.forCluster("c1", configDirectory: root)
    let (setup, runner) = setup(SimulatedEngine(.init(existingNetworkLabels: labels)), root)
    let cluster = try await setup.create(
      .testContainer("c1", nodes: 1), settings: .init(), pull: .requirePresent)
    #expect(cluster.conf.subnet?.prefix == "10.201.7")
    #expect(!runner.argvs.contains { $0.dropFirst().starts(with: ["network", "create"]) })
  }

  @Test func overlappingSubnetIsRetried() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (setup, runner) = setup(SimulatedEngine(.init(overlappingSubnets: 2)), root)
    try await setup.create(.testContainer("c1", nodes: 1), settings: .init(), pull: .requirePresent)
    #expect(runner.argvs.filter { $0.dropFirst().starts(with: ["network", "create"]) }.count == 3)
  }

  @Test func existingClusterIsRefusedBeforeTheEngineIsAsked() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (setup, runner) = setup(SimulatedEngine(), root)
    try await setup.create(.testContainer("c1", nodes: 1), settings: .init(), pull: .requirePresent)
    let calls = runner.argvs.count
    await #expect(throws: CCMError.clusterExists("c1")) {
      try await setup.create(
        .testContainer("c1", nodes: 1), settings: .init(), pull: .requirePresent)
    }
    #expect(runner.argvs.count == calls)
  }

  @Test func addGivesTheNextAddressAndKeepsNodeSettings() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let (setup, _) = setup(SimulatedEngine(), root)
    let cluster = try await setup.create(
      .testContainer("c1", nodes: 2), settings: .init(), pull: .requirePresent)
    let added = try await setup.add(
      NodeSpec(name: "node3"), to: "c1",
      settings: ContainerSettings(environment: ["B": "2"], cpus: 1.5))
    let prefix = try #require(cluster.conf.subnet?.prefix)
    #expect(added.storage?.host == prefix + ".4")
    #expect(added.containerSettings == ContainerSettings(environment: ["B": "2"], cpus: 1.5))
    #expect(
      FileManager.default.fileExists(atPath: cluster.directory + "/node3/conf/housekeeping.cfg"))
  }
}

/// Loopback clusters (`create -i 127.0.X.`): node.conf keeps 127.0.X.N, the container gets a
/// fixed address in the subnet and its CQL ports are published on the loopback address.
@Suite struct LoopbackSetupTests {
  private func setup(_ root: String) -> ContainerClusterSetup {
    ContainerClusterSetup(
      operations: ClusterOperations(store: ClusterStore(root: root)), environment: [:],
      runner: SimulatedEngine().makeRunner())
  }

  private func loopbackSpec(_ name: String, prefix: String, nodes: Int) throws -> ClusterSpec {
    var spec = try ClusterSpec.testContainer(name, nodes: nodes)
    spec.addressing = .prefix(prefix)
    return spec
  }

  @Test func nodesKeepLoopbackAddressesAndPublishCQL() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let setup = setup(root)
    var cluster = try await setup.create(
      loopbackSpec("lb", prefix: "127.0.211.", nodes: 2), settings: .init(),
      pull: .requirePresent)
    let prefix = try #require(cluster.conf.subnet?.prefix)
    #expect(cluster.conf.publishesLoopback)
    #expect(cluster.nodes.map { $0.storage?.host } == ["127.0.211.1", "127.0.211.2"])
    #expect(cluster.nodes.map { $0.binary?.host } == ["127.0.211.1", "127.0.211.2"])
    #expect(cluster.nodes.map(\.containerAddress) == [prefix + ".2", prefix + ".3"])
    let spec = NodeContainerSpec.build(
      node: cluster.nodes[1], of: cluster, containerName: "n2", seeds: [], configDirectory: root)
    #expect(spec.network?.ipv4Address == prefix + ".3")
    #expect(
      spec.publishedPorts.map(\.argument) == ["127.0.211.2:9042:9042", "127.0.211.2:19042:19042"])
    // The server listens and gossips on the cluster network and tells clients the loopback.
    let yaml = try YAMLFile.readMapping(cluster.directory + "/node2/conf/scylla.yaml")
    #expect(yaml["listen_address"]?.scalarText == prefix + ".3")
    #expect(yaml["rpc_address"]?.scalarText == prefix + ".3")
    #expect(yaml["broadcast_rpc_address"]?.scalarText == "127.0.211.2")
    #expect(
      yaml["seed_provider"]?.sequence?.first?.mapping?["parameters"]?.sequence?.first?.mapping?[
        "seeds"]?.scalarText == "\(prefix).2,\(prefix).3")
    // A harness's node.conf rewrite (java's random CQL port) moves the host side only.
    cluster.nodes[1].binary = Endpoint(host: "127.0.211.2", port: 41234)
    let rewritten = NodeContainerSpec.build(
      node: cluster.nodes[1], of: cluster, containerName: "n2", seeds: [], configDirectory: root)
    #expect(rewritten.publishedPorts.first?.argument == "127.0.211.2:41234:9042")
    #expect(
      rewritten.labels[ContainerLabels.specDigest] != spec.labels[ContainerLabels.specDigest])
  }

  @Test func addWithALoopbackAddressIsPublished() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let setup = setup(root)
    let cluster = try await setup.create(
      loopbackSpec("lb", prefix: "127.0.212.", nodes: 1), settings: .init(),
      pull: .requirePresent)
    let prefix = try #require(cluster.conf.subnet?.prefix)
    let added = try await setup.add(
      NodeSpec(name: "node2", address: "127.0.212.2"), to: "lb", settings: .init())
    #expect(added.storage?.host == "127.0.212.2" && added.containerAddress == prefix + ".3")
  }

  @Test func defaultAddressingPublishesNothing() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let cluster = try await setup(root).create(
      .testContainer("plain", nodes: 1), settings: .init(), pull: .requirePresent)
    #expect(!cluster.conf.publishesLoopback && cluster.nodes[0].containerAddress == nil)
    let spec = NodeContainerSpec.build(
      node: cluster.nodes[0], of: cluster, containerName: "n1", seeds: [], configDirectory: root)
    #expect(spec.publishedPorts.isEmpty)
  }

  @Test func aPrefixInUseIsRefusedBeforeAnythingIsMade() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let holder = try LoopbackListener(address: "127.0.213.1", port: 9042)
    defer { holder.close() }
    let engine = SimulatedEngine()
    let runner = engine.makeRunner()
    let setup = ContainerClusterSetup(
      operations: ClusterOperations(store: ClusterStore(root: root)), environment: [:],
      runner: runner)
    await #expect {
      try await setup.create(
        loopbackSpec("lb", prefix: "127.0.213.", nodes: 2), settings: .init(),
        pull: .requirePresent)
    } throws: { error in
      "\(error)".contains("127.0.213.1:9042") && "\(error)".contains("node1")
    }
    #expect(!runner.argvs.contains { $0.contains("network") && $0.contains("create") })
    #expect(!FileManager.default.fileExists(atPath: root + "/lb"))
  }
}

/// A TCP listener on a loopback address, standing in for another cluster's published port.
private struct LoopbackListener {
  let descriptor: Int32

  init(address: String, port: Int) throws {
    var socketAddress = sockaddr_in()
    socketAddress.sin_family = sa_family_t(AF_INET)
    socketAddress.sin_port = in_port_t(UInt16(port)).bigEndian
    inet_pton(AF_INET, address, &socketAddress.sin_addr)
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    let bound = withUnsafePointer(to: &socketAddress) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    try #require(bound == 0 && listen(descriptor, 1) == 0)
  }

  func close() { _ = Glibc.close(descriptor) }
}
