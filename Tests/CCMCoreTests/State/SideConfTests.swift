import Foundation
import Testing
import Yams

@testable import CCMCore

/// One cluster, both tools: what scylla-ccm's rewrites of cluster.conf and node.conf drop comes
/// back from ccmsh's side files, and a start after such a rewrite still passes `--env`.
@Suite struct SideConfTests {
  /// Rewrites `path` keeping only the keys scylla-ccm's container mode writes, in its own
  /// order, as its `updateconf` (cluster.conf) or a node start/stop (node.conf) does.
  private func rewriteAsScyllaCCM(_ path: String, keys: [String], extra: String = "") throws {
    let mapping = try YAMLFile.readMapping(path)
    var kept = Node.Mapping([])
    for key in keys { if let value = mapping[key] { kept[key] = value } }
    try (YAMLFile.render(kept) + extra).write(toFile: path, atomically: true, encoding: .utf8)
  }

  private let clusterKeys = [
    "name", "nodes", "seeds", "partitioner", "config_options", "id", "ipprefix", "docker_image",
    "container_runtime", "cluster_network",
  ]
  private let nodeKeys = [
    "name", "status", "auto_bootstrap", "interfaces", "jmx_port", "docker_id", "docker_name",
    "install_dir", "initial_token",
  ]

  @Test func keysDroppedByScyllaCCMComeBackAndTheStartKeepsTheEnvironment() async throws {
    let f = try await SimulatedCluster.make(nodes: 2)
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    let operations = ClusterOperations(store: ClusterStore(root: f.root))
    try operations.modify("c1") { (cluster: inout Cluster) throws(CCMError) in
      cluster.conf.containerSettings = ContainerSettings(environment: ["FOO": "bar"])
      cluster.conf.startTimeout = .seconds(77)
      cluster.nodes[1].containerSettings = ContainerSettings(environment: ["ONLY2": "yes"])
    }
    let before = try ClusterStore(root: f.root).load("c1")
    let directory = f.root + "/c1"
    #expect(FileManager.default.fileExists(atPath: directory + "/" + SideConf.fileName))
    try rewriteAsScyllaCCM(
      directory + "/cluster.conf", keys: clusterKeys)
    try rewriteAsScyllaCCM(directory + "/node2/node.conf", keys: nodeKeys)
    let bare = try YAMLFile.readMapping(directory + "/cluster.conf")
    #expect(bare["environment"] == nil && bare["cluster_subnet"] == nil)

    let after = try ClusterStore(root: f.root).load("c1")
    #expect(after.conf.containerSettings.environment == ["FOO": "bar"])
    #expect(after.conf.startTimeout == .seconds(77))
    #expect(after.conf.subnet == before.conf.subnet)
    #expect(after.conf.subnet != nil)
    #expect(after.conf.dockerImageID == before.conf.dockerImageID)
    #expect(after.nodes[1].containerSettings.environment == ["ONLY2": "yes"])

    _ = try await f.lifecycle.start(["node2"], options: StartOptions(readiness: .launched))
    let run = try #require(f.runner.argvs.first { $0.dropFirst().first == "run" })
    #expect(run.contains("FOO=bar") && run.contains("ONLY2=yes"), "\(run)")
  }

  @Test func scyllaCCMsOwnKeysAreNeverTakenFromTheSideFile() async throws {
    let f = try await SimulatedCluster.make(nodes: 1)
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    let path = f.root + "/c1/cluster.conf"
    // scylla-ccm changed config_options and dropped the subnet: its config_options win.
    try rewriteAsScyllaCCM(
      path, keys: clusterKeys.filter { $0 != "config_options" },
      extra: "config_options:\n  x: 1\n")
    let conf = try ClusterStore(root: f.root).load("c1").conf
    #expect(conf.configOptions["x"]?.scalarText == "1")
    #expect(conf.subnet != nil)
  }

  @Test func aKeyCcmshDropsStaysDropped() async throws {
    let f = try await SimulatedCluster.make(nodes: 1)
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    let operations = ClusterOperations(store: ClusterStore(root: f.root))
    try operations.modify("c1") { (cluster: inout Cluster) throws(CCMError) in
      cluster.nodes[0].containerSettings = ContainerSettings(environment: ["A": "1"])
    }
    try operations.modify("c1") { (cluster: inout Cluster) throws(CCMError) in
      cluster.nodes[0].unsetEnvironment(["A"])
    }
    try rewriteAsScyllaCCM(f.root + "/c1/node1/node.conf", keys: nodeKeys)
    #expect(try ClusterStore(root: f.root).load("c1").nodes[0].containerSettings.environment == [:])
  }

  @Test func anUnreadableSideFileFallsBackToTheMainFile() async throws {
    let f = try await SimulatedCluster.make(nodes: 1)
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    try "{not: [yaml".write(
      toFile: f.root + "/c1/" + SideConf.fileName, atomically: true, encoding: .utf8)
    let conf = try ClusterStore(root: f.root).load("c1").conf
    #expect(conf.name == "c1" && conf.subnet != nil)
  }

  @Test func aClusterWithNothingOfCcmshsHasNoSideFile() throws {
    let root = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let path = root + "/cluster.conf"
    try SideConf.write(
      try YAMLFile.parseMapping("name: x\nnodes: []\nid: 0\n", file: "t"), kind: .cluster,
      to: path)
    #expect(!FileManager.default.fileExists(atPath: root + "/" + SideConf.fileName))
    #expect(try SideConf.read(path, kind: .cluster)["name"]?.scalarText == "x")
  }
}
