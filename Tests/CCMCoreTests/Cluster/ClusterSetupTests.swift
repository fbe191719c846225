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
