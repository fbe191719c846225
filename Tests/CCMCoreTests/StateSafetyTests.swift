import Foundation
import Testing
import Yams

@testable import CCMCore

/// Unknown keys survive, failures leave nothing behind, locks and errors say what happened.
@Suite struct StateSafetyTests {
  private func containerSpec(_ name: String, nodes: Int? = 2, base: String? = nil) -> ClusterSpec {
    ClusterSpec(
      name: name, source: .container(image: "img", runtime: .podman, baseConfig: base),
      nodeCount: nodes.map { NodeCount(perDataCenter: [$0]) })
  }

  @Test func unknownKeysSurviveRewrites() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    try tree.installClusters()
    let confPath = tree.configDirectory + "/plain3/cluster.conf"
    let nodePath = tree.configDirectory + "/plain3/node1/node.conf"
    try (tree.read("plain3/cluster.conf") + "future_key:\n  nested: [1, 2]\n")
      .write(toFile: confPath, atomically: true, encoding: .utf8)
    try (tree.read("plain3/node1/node.conf") + "byteman_port: '4000'\n")
      .write(toFile: nodePath, atomically: true, encoding: .utf8)
    let operations = ClusterOperations(store: ClusterStore(root: tree.configDirectory))
    try operations.updateConfiguration(ConfigUpdate(arguments: ["a:1"]), cluster: "plain3")
    try operations.updateConfiguration(
      ConfigUpdate(arguments: ["b:2"]), cluster: "plain3", node: "node1")
    try operations.add(NodeSpec(name: "node5"), to: "plain3")
    #expect(
      try tree.read("plain3/cluster.conf").hasSuffix("future_key:\n  nested:\n  - 1\n  - 2\n"))
    #expect(try tree.read("plain3/node1/node.conf").contains("byteman_port: '4000'\n"))
    #expect(try tree.read("plain3/node4/node.conf") == tree.expected("plain3/node4/node.conf"))
  }

  @Test func failedCreateLeavesNoDirectoryAndKeepsCurrent() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    let store = ClusterStore(root: tree.configDirectory)
    let operations = ClusterOperations(store: store)
    try operations.create(containerSpec("first"))
    #expect(throws: CCMError.self) {
      try operations.create(self.containerSpec("second", base: "a: [1\n"))
    }
    #expect(!FileManager.default.fileExists(atPath: store.clusterDirectory("second")))
    #expect(store.currentClusterName() == "first")
    #expect(store.clusterNames() == ["first"])
    let staging = try FileManager.default.contentsOfDirectory(
      atPath: tree.configDirectory + "/.ccmsh-staging")
    #expect(staging.isEmpty)
  }

  @Test func malformedYAMLNamesFileAndLine() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    try tree.installClusters()
    let path = tree.configDirectory + "/multidc/cluster.conf"
    try "name: multidc\nnodes:\n- node1\n  bad: [\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    do {
      _ = try ClusterStore(root: tree.configDirectory).load("multidc")
      Issue.record("expected an error")
    } catch {
      guard case .malformedYAML(let file, let line, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(file == path)
      #expect(line == 4)
      #expect(error.message.hasPrefix("\(path):4: invalid YAML"))
    }
  }

  @Test func unknownStatusWordIsRejected() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    try tree.installClusters()
    let path = tree.configDirectory + "/plain3/node3/node.conf"
    try tree.read("plain3/node3/node.conf").replacingOccurrences(
      of: "UNINITIALIZED", with: "SLEEPY"
    )
    .write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: CCMError.invalidState(file: path, problem: "unknown status 'SLEEPY'")) {
      try ClusterStore(root: tree.configDirectory).load("plain3")
    }
  }

  @Test func lockHeldByAnotherHolderFails() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    let operations = ClusterOperations(
      store: ClusterStore(root: tree.configDirectory), lockWait: .milliseconds(30))
    try operations.create(containerSpec("c"))
    do {
      let held = try ClusterLock.acquire(root: tree.configDirectory, cluster: "c")
      let lockFile = ClusterLock.path(root: tree.configDirectory, cluster: "c")
      #expect(throws: CCMError.clusterLocked(cluster: "c", lockFile: lockFile)) {
        try operations.add(NodeSpec(name: "node3"), to: "c")
      }
      withExtendedLifetime(held) {}
    }
    try operations.add(NodeSpec(name: "node3"), to: "c")
  }

  @Test func duplicatesAreRejectedAndNothingChanges() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    let store = ClusterStore(root: tree.configDirectory)
    let operations = ClusterOperations(store: store)
    try operations.create(containerSpec("c"))
    let before = try tree.read("c/cluster.conf")
    #expect(throws: CCMError.clusterExists("c")) { try operations.create(self.containerSpec("c")) }
    #expect(throws: CCMError.nodeExists(node: "node1", cluster: "c")) {
      try operations.add(NodeSpec(name: "node1"), to: "c")
    }
    #expect(throws: CCMError.addressInUse(address: "127.0.0.1", node: "node1")) {
      try operations.add(NodeSpec(name: "x", address: "127.0.0.1:7001"), to: "c")
    }
    #expect(throws: CCMError.nodeNotFound(node: "node7", cluster: "c")) {
      try operations.removeNode("node7", from: "c")
    }
    #expect(throws: CCMError.clusterNotFound("zz")) { try operations.remove("zz") }
    #expect(try tree.read("c/cluster.conf") == before)
  }

  @Test func containerBaseConfigIsKeptAndUsed() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    let operations = ClusterOperations(store: ClusterStore(root: tree.configDirectory))
    try operations.create(containerSpec("c", nodes: 1, base: "custom_key: 7\nlisten_address: x\n"))
    #expect(try tree.read("c/base-scylla.yaml") == "custom_key: 7\nlisten_address: x\n")
    try operations.add(NodeSpec(name: "node2"), to: "c")
    let yaml = try tree.read("c/node2/conf/scylla.yaml")
    #expect(yaml.hasPrefix("custom_key: 7\nlisten_address: 127.0.0.2\n"))
    #expect(yaml.contains("data_file_directories:\n- /usr/lib/scylla/data\n"))
  }

  @Test func vnodesAndAddressingOptions() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    let operations = ClusterOperations(store: ClusterStore(root: tree.configDirectory))
    var spec = containerSpec("v", nodes: 2)
    spec.tokens = .vnodes
    spec.addressing = .format("10.0.%d.1")
    let cluster = try operations.create(spec)
    #expect(cluster.nodes.map { $0.storage?.host } == ["10.0.1.1", "10.0.2.1"])
    #expect(cluster.nodes.allSatisfy { $0.initialToken == nil })
    let yaml = try tree.read("v/node1/conf/scylla.yaml")
    #expect(yaml.contains("num_tokens: 256\n") && yaml.contains("initial_token:\n"))
    #expect(throws: CCMError.self) {
      var bad = self.containerSpec("w")
      bad.addressing = .standard(id: 100)
      try operations.create(bad)
    }
  }
}

/// Many writers at once: the lock serializes them and no update is lost.
@Suite struct ConcurrentWriterTests {
  @Test func concurrentAddsAllLand() async throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    let operations = ClusterOperations(
      store: ClusterStore(root: tree.configDirectory), lockWait: .seconds(20))
    try operations.create(
      ClusterSpec(name: "c", source: .container(image: "img", runtime: nil, baseConfig: nil)))
    try await withThrowingTaskGroup(of: Void.self) { group in
      for index in 1...8 {
        group.addTask { try operations.add(NodeSpec(name: "n\(index)"), to: "c") }
      }
      try await group.waitForAll()
    }
    let cluster = try ClusterStore(root: tree.configDirectory).load("c")
    #expect(Set(cluster.conf.nodeNames) == Set((1...8).map { "n\($0)" }))
    #expect(Set(cluster.nodes.compactMap { $0.storage?.host }).count == 8)
  }
}

/// The hooks life-cycle code uses to record state.
@Suite struct ModifyTests {
  @Test func modifyWritesOnlyWhatChangedAndKeepsTypes() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    try tree.installClusters()
    let operations = ClusterOperations(store: ClusterStore(root: tree.configDirectory))
    try operations.modify("dock3") { cluster in
      cluster.nodes[1].status = .up
      cluster.nodes[1].dockerID = "abc123"
      cluster.nodes[1].storage = Endpoint(host: "172.18.0.3", port: 7000)
    }
    let node2 = try tree.read("dock3/node2/node.conf")
    #expect(node2.contains("status: UP\n") && node2.contains("docker_id: abc123\n"))
    #expect(node2.contains("  storage:\n  - 172.18.0.3\n  - 7000\n"))
    #expect(node2.contains("jmx_port: '7199'\n"))
    #expect(try tree.read("dock3/node1/node.conf") == tree.expected("dock3/node1/node.conf"))
    #expect(try tree.read("dock3/cluster.conf") == tree.expected("dock3/cluster.conf"))
    #expect(try ClusterStore(root: tree.configDirectory).load("dock3").nodes[1].status.isLive)
  }

  @Test func givenBaseConfigurationIsEveryNodesBase() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    let operations = ClusterOperations(store: ClusterStore(root: tree.configDirectory))
    func spec(_ name: String, base: String) -> ClusterSpec {
      ClusterSpec(
        name: name, source: .container(image: "img", runtime: nil, baseConfig: base),
        nodeCount: NodeCount(perDataCenter: [2]))
    }
    try operations.create(spec("c", base: "from_image: yes\n"))
    #expect(
      try tree.read("c/node2/conf/scylla.yaml").hasPrefix("from_image: yes\ncluster_name: c\n"))
    #expect(throws: CCMError.self) { try operations.create(spec("d", base: "a: [")) }
  }
}
