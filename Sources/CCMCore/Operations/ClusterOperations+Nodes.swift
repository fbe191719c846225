import Foundation
import Yams

extension ClusterOperations {
  /// Adds one node (`add NODE`): rejects a taken name or address; DC and rack default to the
  /// first node's (`Cluster.add`).
  @discardableResult
  func add(_ spec: NodeSpec, to clusterName: String?) throws(CCMError) -> NodeConf {
    try EntityName.validate(spec.name, as: .node)
    if let dataCenter = spec.dataCenter { try EntityName.validate(dataCenter, as: .dataCenter) }
    if let rack = spec.rack { try EntityName.validate(rack, as: .rack) }
    let name = try store.resolveClusterName(clusterName)
    return try locked(name) { () throws(CCMError) -> NodeConf in
      var cluster = try store.load(name)
      guard !cluster.nodes.contains(where: { $0.name == spec.name }) else {
        throw .nodeExists(node: spec.name, cluster: name)
      }
      let (host, port) = try storageAddress(spec.address, default: cluster)
      if let owner = cluster.nodes.first(where: {
        $0.storage?.host == host || $0.binary?.host == host
      }) {
        throw .addressInUse(address: host, node: owner.name)
      }
      let node = NodeConfBuilder.build(
        NewNode(
          name: spec.name, address: host, storagePort: port, binaryPort: spec.binaryPort ?? 9042,
          jmxPort: YAMLScalar.int(spec.jmxPort),
          remoteDebugPort: spec.remoteDebugPort, initialToken: spec.initialToken,
          dataCenter: spec.dataCenter ?? cluster.nodes.first?.dataCenter,
          rack: spec.rack ?? cluster.nodes.first?.rack,
          autoBootstrap: spec.bootstrap == .autoBootstrap, dockerImage: spec.dockerImage),
        in: cluster.conf, configDirectory: store.root)
      cluster.nodes.append(node)
      cluster.conf.nodeNames.append(spec.name)
      if spec.seed == .seed { cluster.conf.seedNames.append(spec.name) }
      let nodeDirectory = cluster.nodeDirectory(spec.name)
      do throws(CCMError) {
        try NodeFiles.write(
          node, of: cluster, base: try BaseScyllaYAML.load(for: cluster), under: cluster.directory)
        try store.saveConf(cluster)  // the commit point
      } catch {
        try? NodeFiles.removeTree(nodeDirectory)
        throw error
      }
      return node
    }
  }

  /// Removes one node from cluster.conf, then deletes its directory (`NODE remove`).
  func removeNode(_ nodeName: String, from clusterName: String?) throws(CCMError) {
    let name = try store.resolveClusterName(clusterName)
    try locked(name) { () throws(CCMError) in
      var cluster = try store.load(name)
      _ = try cluster.node(named: nodeName)
      cluster.nodes.removeAll { $0.name == nodeName }
      cluster.conf.nodeNames.removeAll { $0 == nodeName }
      cluster.conf.seedNames.removeAll { $0 == nodeName }
      try store.saveConf(cluster)
      try NodeFiles.removeTree(cluster.nodeDirectory(nodeName))
    }
  }

  /// Empties the data directories of every node, or of `nodeName` (`clear`, `NODE clear`);
  /// configuration stays.
  ///
  /// `scope` `.dataAndLogs` also empties logs/ (`NODE clear -a`).
  func clear(
    _ clusterName: String?, node nodeName: String? = nil, scope: ClearScope = .data
  ) throws(CCMError) {
    let name = try store.resolveClusterName(clusterName)
    try locked(name) { () throws(CCMError) in
      let cluster = try store.load(name)
      let targets =
        try nodeName.map { name throws(CCMError) in [try cluster.node(named: name)] }
        ?? cluster.nodes
      for node in targets {
        for volume in scope.volumes {
          let path = cluster.nodeDirectory(node.name) + "/" + volume.hostSubdirectory
          try NodeFiles.emptyDirectory(path)
        }
      }
    }
  }

  private func storageAddress(
    _ given: String?, default cluster: Cluster
  ) throws(CCMError) -> (String, Int) {
    guard let given else {
      return (cluster.conf.address(forNodeIndex: cluster.nodes.count + 1), 7000)
    }
    let parts = given.split(separator: ":", omittingEmptySubsequences: false)
    guard !parts[0].isEmpty, parts.count <= 2 else {
      throw .invalidArgument("malformed address '\(given)': expected HOST or HOST:PORT")
    }
    guard parts.count == 2 else { return (given, 7000) }
    guard let port = Int(parts[1]), (1...65535).contains(port) else {
      throw .invalidArgument("malformed address '\(given)': port must be 1-65535")
    }
    return (String(parts[0]), port)
  }
}

/// Which node directories `clear` empties.
public enum ClearScope: Sendable {
  /// Data, commit logs, hints and caches.
  case data
  /// The above plus logs/.
  case dataAndLogs

  var volumes: [ContainerVolume] {
    let data = [
      ContainerVolumes.data, ContainerVolumes.commitlogs, ContainerVolumes.hints,
      ContainerVolumes.viewHints, ContainerVolumes.savedCaches,
    ]
    return self == .data ? data : data + [ContainerVolumes.logs]
  }
}
