import Foundation
import Yams

extension ClusterOperations {
  /// Creates a cluster (and its nodes when `spec.nodeCount` is set).
  ///
  /// Everything is written into a staging directory that is renamed into place at the end, so
  /// a failed create leaves no cluster directory and does not move CURRENT.
  @discardableResult
  public func create(_ spec: ClusterSpec) throws(CCMError) -> Cluster {
    try EntityName.validate(spec.name, as: .cluster)
    try spec.security.validate()
    if case .installDirectory(let path) = spec.source,
      !FileManager.default.fileExists(atPath: path + "/conf/scylla.yaml")
    {
      throw .invalidArgument("install dir '\(path)' has no conf/scylla.yaml")
    }
    return try locked(spec.name) { () throws(CCMError) -> Cluster in
      let directory = store.clusterDirectory(spec.name)
      guard !FileManager.default.fileExists(atPath: directory) else {
        throw .clusterExists(spec.name)
      }
      var cluster = Cluster(
        directory: directory,
        conf: try ClusterConfBuilder.build(spec, configDirectory: store.root), nodes: [])
      if let count = spec.nodeCount { addPopulation(count, to: &cluster) }

      let staging = try stagingPath(for: spec.name, purpose: "new")
      do throws(CCMError) {
        try AtomicFile.makeDirectory(staging)
        try spec.security.copyFiles(into: staging)
        if case .container(_, _, let baseConfig?) = spec.source {
          _ = try YAMLFile.parseMapping(baseConfig, file: "base config")
          try AtomicFile.write(baseConfig, to: staging + "/" + BaseScyllaYAML.clusterFileName)
        }
        let base = try baseMapping(for: cluster, stagedIn: staging)
        for node in cluster.nodes {
          try NodeFiles.write(node, of: cluster, base: base, under: staging)
        }
        try SideConf.write(cluster.conf.mapping, kind: .cluster, to: staging + "/cluster.conf")
        guard rename(staging, directory) == 0 else {
          throw CCMError.clusterExists(spec.name)
        }
      } catch {
        try? NodeFiles.removeTree(staging)
        throw error
      }
      if spec.current == .switchToNew { try store.switchCurrent(to: spec.name) }
      return cluster
    }
  }

  /// Adds nodes to a cluster that has none (`populate -n`).
  @discardableResult
  func populate(_ name: String?, count: NodeCount) throws(CCMError) -> Cluster {
    let name = try store.resolveClusterName(name)
    return try locked(name) { () throws(CCMError) -> Cluster in
      var cluster = try store.load(name)
      guard cluster.nodes.isEmpty else {
        throw .clusterHasNodes(name)
      }
      if count.isMultiDataCenter {
        var options = cluster.conf.configOptions
        options["endpoint_snitch"] = Node(
          "org.apache.cassandra.locator.GossipingPropertyFileSnitch")
        cluster.conf.configOptions = options
      }
      addPopulation(count, to: &cluster)
      let base = try BaseScyllaYAML.load(for: cluster)
      do throws(CCMError) {
        for node in cluster.nodes {
          try NodeFiles.write(node, of: cluster, base: base, under: cluster.directory)
        }
        try store.saveConf(cluster)  // the commit point: only now do the nodes exist
      } catch {
        for node in cluster.nodes { try? NodeFiles.removeTree(cluster.nodeDirectory(node.name)) }
        throw error
      }
      return cluster
    }
  }

  /// node1..nodeN, all seeds, balanced tokens per DC unless vnodes (`Cluster.populate`).
  private func addPopulation(_ count: NodeCount, to cluster: inout Cluster) {
    let tokens = cluster.conf.usesVnodes ? nil : TokenAllocation.balancedTokens(for: count)
    var index = 0
    for (dcIndex, nodesInDC) in count.perDataCenter.enumerated() {
      for _ in 0..<nodesInDC {
        index += 1
        let node = NewNode(
          name: "node\(index)",
          address: cluster.conf.address(forNodeIndex: index),
          initialToken: tokens.map { String($0[index - 1]) },
          dataCenter: count.isMultiDataCenter ? "dc\(dcIndex + 1)" : nil)
        cluster.nodes.append(
          NodeConfBuilder.build(node, in: cluster.conf, configDirectory: store.root))
      }
    }
    cluster.conf.nodeNames = cluster.nodes.map(\.name)
    cluster.conf.seedNames = cluster.nodes.map(\.name)
  }

  /// The base scylla.yaml while the cluster still lives in its staging directory.
  private func baseMapping(for cluster: Cluster, stagedIn staging: String) throws(CCMError)
    -> Node.Mapping
  {
    let staged = Cluster(directory: staging, conf: cluster.conf, nodes: [])
    return try BaseScyllaYAML.load(for: staged)
  }
}
