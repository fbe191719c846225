extension ClusterRuntime {
  /// The link faults of `cluster`: each node with its container, address, topology and engine.
  ///
  /// `address` overrides one node's recorded address (a node just given one by its engine).
  func linkFaults(
    of cluster: Cluster, runner: any ProcessRunning = SubprocessRunner(),
    address: (node: String, address: String)? = nil
  ) -> LinkFaults {
    let fixed = fixedAttachments(of: cluster)
    let members = cluster.nodes.map { node in
      let recorded = node.storage.map(\.host).flatMap { $0.hasPrefix("127.") ? nil : $0 }
      let known =
        address?.node == node.name
        ? address?.address : node.containerAddress ?? fixed[node.name]?.ipv4Address ?? recorded
      return LinkFaults.Member(
        name: node.name, container: backend(node, in: cluster).containerName, address: known,
        dataCenter: node.dataCenter, rack: node.rack, engine: node.engine)
    }
    return LinkFaults(
      client: client, runner: runner, clusterDirectory: cluster.directory, members: members)
  }
}
