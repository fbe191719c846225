/// A cluster as stored on disk: its directory, its cluster.conf and its nodes' node.conf files.
public struct Cluster: Sendable {
  /// `<config dir>/<name>`.
  let directory: String
  public var conf: ClusterConf
  /// Nodes in cluster.conf order.
  public var nodes: [NodeConf]

  init(directory: String, conf: ClusterConf, nodes: [NodeConf]) {
    self.directory = directory
    self.conf = conf
    self.nodes = nodes
  }

  /// The cluster name.
  public var name: String { conf.name }

  /// The node called `name`, or `CCMError.nodeNotFound`.
  public func node(named name: String) throws(CCMError) -> NodeConf {
    guard let node = nodes.first(where: { $0.name == name }) else {
      throw .nodeNotFound(node: name, cluster: self.name)
    }
    return node
  }

  /// `<cluster dir>/<node>`.
  public func nodeDirectory(_ node: String) -> String { directory + "/" + node }

  /// Seed addresses a node's scylla.yaml lists: the seeds up to and including the node, in
  /// node order (`Cluster.get_seeds(node)`), or every seed when none precedes it.
  func seedAddresses(for node: NodeConf) -> [String] {
    let order = nodes.map(\.name)
    let position = order.firstIndex(of: node.name) ?? order.count
    let seeds = conf.seedNames.map { seed -> (index: Int, address: String) in
      guard let index = order.firstIndex(of: seed) else { return (-1, seed) }
      return (index, nodes[index].networkAddress ?? seed)
    }
    let upToNode = seeds.filter { $0.index <= position }
    return (upToNode.isEmpty ? seeds : upToNode).map(\.address)
  }
}
