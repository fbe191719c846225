import Yams

extension ClusterOperations {
  /// Loads a cluster under its lock, lets `change` edit it, and writes back what changed:
  /// node.conf files first, cluster.conf last.
  ///
  /// This is how life-cycle code records what it learned (status, container id, the
  /// container's address) without racing other ccmsh processes.
  @discardableResult
  public func modify(
    _ clusterName: String?, _ change: (inout Cluster) throws(CCMError) -> Void
  ) throws(CCMError) -> Cluster {
    let name = try store.resolveClusterName(clusterName)
    return try locked(name) { () throws(CCMError) -> Cluster in
      let original = try store.load(name)
      var cluster = original
      try change(&cluster)
      guard cluster.conf.nodeNames == original.conf.nodeNames else {
        throw .invalidArgument("modify cannot add or remove nodes; use add or NODE remove")
      }
      for (node, before) in zip(cluster.nodes, original.nodes) where node.fields != before.fields {
        try store.saveNode(node, in: cluster)
      }
      if cluster.conf.fields != original.conf.fields { try store.saveConf(cluster) }
      return cluster
    }
  }

  /// Regenerates every node's conf/ files from the cluster's base scylla.yaml and options
  /// (after a new base config or new node addresses).
  func regenerateConfiguration(_ clusterName: String?) throws(CCMError) {
    let name = try store.resolveClusterName(clusterName)
    try locked(name) { () throws(CCMError) in
      let cluster = try store.load(name)
      let base = try BaseScyllaYAML.load(for: cluster)
      for node in cluster.nodes {
        try NodeFiles.writeConfiguration(node, of: cluster, base: base, under: cluster.directory)
      }
    }
  }
}
