import Foundation
import Testing

@testable import CCMCore

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
struct LoopbackListener {
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

/// `start` of a loopback cluster: the exact `run` argv, and a taken address refused first.
@Suite struct LoopbackStartTests {
  @Test func runPublishesEachNodesCQLPortsOnItsLoopbackAddress() async throws {
    let fixture = try await SimulatedCluster.make(nodes: 2, addressing: .prefix("127.0.215."))
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    try await fixture.lifecycle.start(nil, options: StartOptions(readiness: .launched))
    let runs = fixture.runner.argvs.filter { $0.dropFirst().first == "run" }
    #expect(runs.count == 2)
    for (index, run) in runs.enumerated() {
      let address = "127.0.215.\(index + 1)"
      let publish = try #require(run.firstIndex(of: "--publish"))
      #expect(
        Array(run[publish..<publish + 4]) == [
          "--publish", "\(address):9042:9042", "--publish", "\(address):19042:19042",
        ])
      // The container's own address is the fixed one on the cluster network.
      let ip = try #require(run.firstIndex(of: "--ip"))
      #expect(run[ip + 1] == fixture.cluster.nodes[index].containerAddress)
    }
    // node.conf keeps the loopback addresses through the start.
    let after = try fixture.lifecycle.runtime.load()
    #expect(after.nodes.map { $0.binary?.host } == ["127.0.215.1", "127.0.215.2"])
  }

  @Test func aTakenAddressIsRefusedBeforeAnyContainerRuns() async throws {
    let fixture = try await SimulatedCluster.make(nodes: 2, addressing: .prefix("127.0.216."))
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    let holder = try LoopbackListener(address: "127.0.216.2", port: 19042)
    defer { holder.close() }
    await #expect {
      try await fixture.lifecycle.start(nil, options: StartOptions(readiness: .launched))
    } throws: { error in
      "\(error)".contains("node2") && "\(error)".contains("127.0.216.2:19042")
    }
    #expect(!fixture.runner.argvs.contains { $0.dropFirst().first == "run" })
  }
}
