import Foundation
import Testing

@testable import CCMCore

/// ccmsh's operations reproduce, byte for byte, the files scylla-ccm 2.0.5 wrote.
@Suite struct GoldenStateTests {
  private static let nodeFiles = [
    "node.conf", "conf/scylla.yaml", "conf/cassandra.yaml", "conf/cassandra-rackdc.properties",
  ]

  private func expectSameFiles(
    _ tree: FixtureTree, cluster: String, nodes: [String],
    adjust: (String, String) -> String = { text, _ in text },
    adjustConf: (String) -> String = { $0 }
  ) throws {
    #expect(
      try tree.read("\(cluster)/cluster.conf")
        == adjustConf(try tree.expected("\(cluster)/cluster.conf")))
    for node in nodes {
      for file in Self.nodeFiles {
        let path = "\(cluster)/\(node)/\(file)"
        #expect(try tree.read(path) == adjust(try tree.expected(path), node), "\(path)")
      }
    }
  }

  @Test func reproducesPlainClusterAfterUpdateconfAndAdd() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    let operations = ClusterOperations(store: ClusterStore(root: tree.configDirectory))
    try operations.create(
      ClusterSpec(
        name: "plain3", source: .installDirectory(tree.installDirectory),
        nodeCount: NodeCount(perDataCenter: [3])))
    try operations.updateConfiguration(
      ConfigUpdate(arguments: [
        "read_request_timeout_in_ms:10000", "client_encryption_options.enabled:false",
      ]), cluster: nil)
    try operations.add(
      NodeSpec(name: "node4", seed: .seed, address: "127.0.0.4", dataCenter: "dc1"), to: nil)
    try operations.updateConfiguration(
      ConfigUpdate(arguments: ["compaction_throughput_mb_per_sec:0"]), cluster: nil, node: "node2")

    try expectSameFiles(tree, cluster: "plain3", nodes: ["node1", "node2", "node3", "node4"])
    #expect(try tree.read("CURRENT") == tree.expected("CURRENT"))
  }

  @Test func reproducesMultiDataCenterCluster() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    try ClusterOperations(store: ClusterStore(root: tree.configDirectory)).create(
      ClusterSpec(
        name: "multidc", source: .installDirectory(tree.installDirectory),
        nodeCount: NodeCount(perDataCenter: [2, 1])))
    try expectSameFiles(tree, cluster: "multidc", nodes: ["node1", "node2", "node3"])
  }

  /// Same keys and values as scylla-ccm's docker mode, except that scylla.yaml names the
  /// container paths of the volume table where ccm bind-mounts the host paths 1:1, and the
  /// network and container names carry the config dir's tag (`ContainerNames`: ccm's names
  /// collide between config dirs on one engine).
  @Test func reproducesContainerClusterWithContainerPaths() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    let base = try String(
      contentsOfFile: tree.installDirectory + "/conf/scylla.yaml", encoding: .utf8)
    try ClusterOperations(store: ClusterStore(root: tree.configDirectory)).create(
      ClusterSpec(
        name: "dock3",
        source: .container(image: "scylladb/scylla:6.2", runtime: nil, baseConfig: base),
        nodeCount: NodeCount(perDataCenter: [3])))
    let root = tree.configDirectory
    try expectSameFiles(
      tree, cluster: "dock3", nodes: ["node1", "node2", "node3"],
      adjust: { text, node in
        text.replacingOccurrences(of: root + "/dock3/" + node, with: ContainerVolumes.workdir)
          .replacingOccurrences(
            of: "docker_name: ccm-dock3-\(node)\n",
            with: "docker_name: "
              + ContainerNames.container(node: node, cluster: "dock3", configDirectory: root)
              + "\n")
      },
      adjustConf: { text in
        text.replacingOccurrences(
          of: "cluster_network: ccm-dock3\n",
          with: "cluster_network: "
            + ContainerNames.network(cluster: "dock3", configDirectory: root) + "\n")
      })
  }
}
