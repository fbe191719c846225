import Testing

@testable import CCMCore

/// Reading clusters that scylla-ccm 2.0.5 wrote.
@Suite struct FixtureReadTests {
  @Test func listsEveryFixtureClusterAndCurrent() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    try tree.installClusters()
    let store = ClusterStore(root: tree.configDirectory)
    #expect(store.clusterNames() == ["dock3", "multidc", "plain3"])
    #expect(store.currentClusterName() == "plain3")
  }

  @Test func readsPlainCluster() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    try tree.installClusters()
    let cluster = try ClusterStore(root: tree.configDirectory).load("plain3")
    #expect(cluster.nodes.map(\.name) == ["node1", "node2", "node3", "node4"])
    #expect(cluster.conf.seedNames == cluster.conf.nodeNames)
    #expect(cluster.conf.installDirectory == tree.installDirectory)
    #expect(!cluster.conf.isContainerCluster)
    #expect(cluster.nodes.allSatisfy { $0.status == .uninitialized })
    let node4 = try cluster.node(named: "node4")
    #expect(node4.jmxPort == "7199")  // an integer in this file, a string in node1's
    #expect(node4.initialToken == nil)
    #expect(node4.dataCenter == "dc1")
    #expect(node4.storage == Endpoint(host: "127.0.0.4", port: 7000))
    #expect(
      try cluster.node(named: "node2").configOptions["compaction_throughput_mb_per_sec"] != nil)
    #expect(
      cluster.seedAddresses(for: try cluster.node(named: "node3"))
        == ["127.0.0.1", "127.0.0.2", "127.0.0.3"])
  }

  @Test func readsMultiDataCenterCluster() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    try tree.installClusters()
    let cluster = try ClusterStore(root: tree.configDirectory).load("multidc")
    #expect(cluster.nodes.map(\.dataCenter) == ["dc1", "dc1", "dc2"])
    #expect(
      cluster.nodes.map(\.initialToken) == [
        "-9223372036854775808", "0", "-9223372036854775708",
      ])
  }

  @Test func readsContainerCluster() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    try tree.installClusters()
    let cluster = try ClusterStore(root: tree.configDirectory).load("dock3")
    #expect(cluster.conf.isContainerCluster)
    #expect(cluster.conf.dockerImage == "scylladb/scylla:6.2")
    #expect(cluster.conf.clusterNetwork == "ccm-dock3")
    #expect(
      cluster.nodes.map(\.dockerName) == ["ccm-dock3-node1", "ccm-dock3-node2", "ccm-dock3-node3"])
    #expect(cluster.nodes.allSatisfy { $0.dockerID == nil })
  }

  @Test(arguments: [
    "plain3/cluster.conf", "plain3/node1/node.conf", "plain3/node2/node.conf",
    "plain3/node4/node.conf", "multidc/cluster.conf", "multidc/node3/node.conf",
    "dock3/cluster.conf", "dock3/node1/node.conf", "plain3/node2/conf/scylla.yaml",
    "dock3/node3/conf/scylla.yaml",
  ])
  func rewritesByteIdentically(file: String) throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    let original = try tree.expected(file)
    let mapping = try YAMLFile.parseMapping(original, file: file)
    #expect(try YAMLFile.render(mapping) == original)
  }
}
