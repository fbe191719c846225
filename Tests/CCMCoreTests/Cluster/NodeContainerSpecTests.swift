import Foundation
import Testing

@testable import CCMCore

/// The run arguments of a node: the volume table, entrypoint flags, fixed address, settings.
@Suite struct NodeContainerSpecTests {
  private func cluster(_ root: String) async throws -> Cluster {
    let setup = ContainerClusterSetup(
      operations: ClusterOperations(store: ClusterStore(root: root)), environment: [:],
      runner: SimulatedEngine().makeRunner())
    return try await setup.create(
      .testContainer("c1", nodes: 3),
      settings: ContainerSettings(
        environment: ["A": "cluster", "B": "cluster"], imageFlags: ["smp": "2"],
        memoryBytes: 1 << 30),
      pull: .requirePresent)
  }

  @Test func volumesAreTheSeedDesignTable() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let cluster = try await cluster(root)
    let spec = NodeContainerSpec.build(
      node: cluster.nodes[0], of: cluster, containerName: "n1", seeds: [], configDirectory: root)
    let node = cluster.directory + "/node1"
    #expect(
      spec.volumes.map { "\($0.hostPath):\($0.containerPath)" } == [
        "\(node)/conf:/etc/scylla", "\(node)/data:/usr/lib/scylla/data",
        "\(node)/commitlogs:/usr/lib/scylla/commitlogs", "\(node)/hints:/usr/lib/scylla/hints",
        "\(node)/view_hints:/usr/lib/scylla/view_hints",
        "\(node)/saved_caches:/usr/lib/scylla/saved_caches", "\(node)/keys:/usr/lib/scylla/keys",
        "\(node)/logs:/var/log/scylla",
        "\(cluster.directory)/image-conf/.ccmsh-scylla-server.conf"
          + ":/etc/supervisord.conf.d/scylla-server.conf",
      ])
    #expect(spec.volumes.dropLast().allSatisfy { $0.access == .readWrite })
    #expect(spec.volumes.last?.access == .readOnly)
    #expect(spec.network?.network == ContainerNames.network(cluster: "c1", configDirectory: root))
    #expect(spec.network?.ipv4Address == cluster.nodes[0].storage?.host)
    #expect(spec.hostname == "node1")
    #expect(spec.labels[ContainerLabels.cluster] == "c1")
    #expect(spec.labels[ContainerLabels.node] == "node1")
    #expect(spec.labels[ContainerLabels.configDirectory] == root)
  }

  @Test func flagsAreDefaultsThenClusterThenNode() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    var cluster = try await cluster(root)
    cluster.nodes[1].containerSettings = ContainerSettings(
      environment: ["B": "node"], imageFlags: ["memory": "2G"], cpus: 0.5)
    let spec = NodeContainerSpec.build(
      node: cluster.nodes[1], of: cluster, containerName: "n2", seeds: ["10.0.0.2", "10.0.0.3"],
      configDirectory: root)
    #expect(
      spec.command == [
        "--api-address", "0.0.0.0", "--developer-mode", "1",
        "--max-networking-io-control-blocks", "1000", "--memory", "2G",
        "--overprovisioned", "1", "--seeds", "10.0.0.2,10.0.0.3", "--smp", "2",
      ])
    #expect(spec.environment == ["A": "cluster", "B": "node"])
    #expect(spec.limits == ResourceLimits(cpus: 0.5, memoryBytes: 1 << 30))
    #expect(spec.capabilities.contains("SYS_NICE"))
  }

  @Test func digestChangesWithRunArgumentsOnly() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    var cluster = try await cluster(root)
    let build = { (cluster: Cluster) in
      NodeContainerSpec.build(
        node: cluster.nodes[0], of: cluster, containerName: "n1", seeds: [], configDirectory: root
      ).labels[ContainerLabels.specDigest]
    }
    let first = build(cluster)
    #expect(build(cluster) == first)
    cluster.conf.configOptions = cluster.conf.configOptions  // config lives in conf/, not in run
    #expect(build(cluster) == first)
    cluster.nodes[0].containerSettings = ContainerSettings(environment: ["NEW": "1"])
    #expect(build(cluster) != first)
  }

  @Test func settingsRoundTripThroughTheConfFiles() throws {
    var conf = ClusterConf(mapping: .init([]))
    conf.containerSettings = ContainerSettings(
      environment: ["K": "v=w"], imageFlags: ["smp": "4"], cpus: 1.5, memoryBytes: 512 << 20)
    conf.containerSettings = ContainerSettings(environment: ["L": "x"])
    #expect(
      conf.containerSettings
        == ContainerSettings(
          environment: ["K": "v=w", "L": "x"], imageFlags: ["smp": "4"], cpus: 1.5,
          memoryBytes: 512 << 20))
    #expect(conf.startTimeout == .seconds(420))
  }

  @Test func subnetParsingAndAddressAssignment() {
    #expect(ClusterSubnet(cidr: "10.201.7.0/24")?.prefix == "10.201.7")
    #expect(ClusterSubnet(cidr: "10.201.0.0/16") == nil)
    let subnet = ClusterSubnet(prefix: "10.9.9")
    #expect(subnet.firstFree(excluding: ["10.9.9.2", "10.9.9.4"]) == "10.9.9.3")
    #expect(subnet.contains("10.9.9.20") && !subnet.contains("10.9.90.2"))
  }
}

/// `status -v`/`show`: a tag that now names another image than the one recorded at create.
@Suite struct ImageDriftTests {
  @Test func warnsOnlyWhenTheTagMoved() {
    let same = ImageInfo(id: "abc", tags: [], digests: [], labels: [:])
    let moved = ImageInfo(id: "def0123456789", tags: [], digests: [], labels: [:])
    #expect(ImageCheck.drift(recorded: "abc", current: same) == nil)
    #expect(ImageCheck.drift(recorded: nil, current: moved) == nil)
    #expect(ImageCheck.drift(recorded: "abc", current: moved)?.contains("def012345678") == true)
  }
}

/// A non-root caller's containers first share their mounts with the caller's group.
@Suite struct OwnershipPreludeTests {
  @Test func userCallerGetsThePrelude() async throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let cluster = try await ContainerClusterSetup(
      operations: ClusterOperations(store: ClusterStore(root: root)), environment: [:],
      runner: SimulatedEngine().makeRunner()
    ).create(.testContainer("c1", nodes: 1), settings: .init(), pull: .requirePresent)
    let build = { (caller: ContainerCaller) in
      NodeContainerSpec.build(
        node: cluster.nodes[0], of: cluster, containerName: "n1", seeds: [],
        configDirectory: root, caller: caller)
    }
    let asRoot = build(.root)
    #expect(asRoot.entrypoint == nil && asRoot.command.first == "--api-address")
    let asUser = build(.user(group: "1001"))
    #expect(asUser.entrypoint == "/bin/sh")
    #expect(asUser.command[0] == "-c")
    #expect(asUser.command[1].contains("chown -R scylla:1001 /etc/scylla /usr/lib/scylla/data"))
    #expect(asUser.command[1].contains("chmod -R g+rwX"))
    #expect(!asUser.command[1].contains("777"))
    #expect(asUser.command[1].hasSuffix("exec /docker-entrypoint.py \"$@\""))
    #expect(Array(asUser.command[3...]) == asRoot.command)
    #expect(
      asUser.labels[ContainerLabels.specDigest] != asRoot.labels[ContainerLabels.specDigest])
  }
}
