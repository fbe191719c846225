import Foundation
import Testing

@testable import CCMCore

/// Engine-wide names: the same cluster name in two config dirs never collides.
@Suite struct ContainerNamesTests {
  @Test func sameClusterInTwoConfigDirectoriesGetsDistinctNames() {
    let first = "/tmp/a/cfg"
    let second = "/tmp/b/cfg"
    #expect(
      ContainerNames.network(cluster: "nupod", configDirectory: first)
        != ContainerNames.network(cluster: "nupod", configDirectory: second))
    #expect(
      ContainerNames.container(node: "node1", cluster: "nupod", configDirectory: first)
        != ContainerNames.container(node: "node1", cluster: "nupod", configDirectory: second))
    let name = ContainerNames.container(node: "node1", cluster: "nupod", configDirectory: first)
    #expect(name.hasPrefix("cfg-nupod-") && name.hasSuffix("-node1"))
    #expect(ContainerNames.network(cluster: "My_C", configDirectory: first).hasPrefix("ccm-my-c-"))
  }

  /// One naming rule for every path: `create My_C` records in cluster.conf the network it
  /// creates on the engine, and each node.conf the container name the rule gives, so what the
  /// builder writes and what the setup makes (and later finds) are the same names.
  @Test func createRecordsTheNamesItMakes() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let runner = SimulatedEngine().makeRunner()
    let setup = ContainerClusterSetup(
      operations: ClusterOperations(store: ClusterStore(root: root)), environment: [:],
      runner: runner)
    _ = try await setup.create(
      .testContainer("My_C", nodes: 2), settings: ContainerSettings(), pull: .requirePresent)

    let made = try #require(
      runner.argvs.first { $0.dropFirst().starts(with: ["network", "create"]) }?.last)
    let stored = try ClusterStore(root: root).load("My_C")
    #expect(made.hasPrefix("ccm-my-c-"))
    #expect(stored.conf.clusterNetwork == made)
    let clusterConf = try String(contentsOfFile: root + "/My_C/cluster.conf", encoding: .utf8)
    #expect(clusterConf.contains("cluster_network: \(made)\n"))
    for node in stored.nodes {
      #expect(
        node.dockerName
          == ContainerNames.container(node: node.name, cluster: "My_C", configDirectory: root))
    }
  }

  @Test func macIsFixedPerAddressAndClusterAndLocallyAdministered() throws {
    let mac = try #require(
      ContainerNames.mac(address: "10.198.75.2", cluster: "c", configDirectory: "/x"))
    #expect(mac.hasPrefix("02:") && mac.hasSuffix(":0a:c6:4b:02"))
    #expect(mac == ContainerNames.mac(address: "10.198.75.2", cluster: "c", configDirectory: "/x"))
    #expect(!mac.hasPrefix("02:42:"))
    // Two clusters (or config dirs) on the same subnet do not share MACs.
    let others = (0..<50).compactMap {
      ContainerNames.mac(address: "10.198.75.2", cluster: "c\($0)", configDirectory: "/x")
    }
    #expect(Set(others).count > 40)
    #expect(ContainerNames.mac(address: "host", cluster: "c", configDirectory: "/x") == nil)
  }

  /// podman is given the MAC at run and at reconnect (heal); docker derives its own from the IP.
  @Test(arguments: RuntimeKind.allCases) func macIsPinnedOnPodmanOnly(kind: RuntimeKind) {
    let attachment = NetworkAttachment(
      network: "n", ipv4Address: "10.1.2.3", macAddress: "02:11:0a:01:02:03")
    let dialect = RuntimeDialect(kind: kind, binary: kind.rawValue)
    let run = dialect.runArguments(ContainerSpec(image: "img", name: "c", network: attachment))
    let connect = dialect.connectArguments("c", attachment)
    #expect(run.contains("--mac-address") == (kind == .podman))
    #expect(connect.contains("--mac-address") == (kind == .podman))
  }
}
