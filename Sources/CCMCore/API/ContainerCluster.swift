/// A container cluster: every node a container on the cluster's network.
///
/// Its runtime is picked once, when `Clusters` resolves it. Besides what every cluster can do, it has the life-cycle (`lifecycle`), the node tools'
/// backends (`node(_:)`, `nodes()`) and network faults (`faults()`).
public struct ContainerCluster: ClusterHandle {
  let runtime: ClusterRuntime
  public let snapshot: Cluster
  let environment: [String: String]
  let runner: any ProcessRunning

  public var name: String { runtime.clusterName }
  /// The life-cycle of this cluster's nodes: start, stop, restart, kill, pause, status.
  public var lifecycle: ContainerLifecycle { ContainerLifecycle(runtime: runtime) }
  public var containers: ContainerLifecycle? { lifecycle }

  private var setup: ContainerClusterSetup {
    ContainerClusterSetup(operations: runtime.operations, environment: environment, runner: runner)
  }

  // MARK: Every kind

  public func remove() async throws { try await lifecycle.removeCluster() }

  public func clear(node: String?, scope: ClearScope) async throws {
    try await lifecycle.clear(node, scope: scope)
  }

  public func removeNode(_ node: String) async throws { try await lifecycle.removeNode(node) }

  public func add(_ spec: NodeSpec, settings: ContainerSettings, engine: EngineEndpoint?)
    async throws -> NodeConf
  {
    try await setup.add(spec, to: runtime, settings: settings, engine: engine)
  }

  public func populate(count: NodeCount) async throws -> Cluster {
    try await setup.populate(runtime, count: count)
  }

  public func liveAddresses() async throws -> [String] {
    // A loopback node is reached at its published 127.0.X.N, as with local ccm.
    let published = Dictionary(
      snapshot.nodes.compactMap { node in node.publishedCQL.map { (node.name, $0.host) } },
      uniquingKeysWith: { first, _ in first })
    return try await lifecycle.status().nodes.filter(\.isLive).compactMap {
      published[$0.name] ?? $0.address
    }
  }

  // MARK: Containers only

  /// Changes the cluster's files under its lock; the operations after it read them again.
  @discardableResult
  public func modify(_ change: (inout Cluster) throws(CCMError) -> Void) throws(CCMError)
    -> Cluster
  {
    try runtime.modify(change)
  }

  /// The backend of the node called `node`; `nodeNotFound` otherwise.
  public func node(_ node: String) throws(CCMError) -> ContainerNodeBackend {
    try runtime.node(node)
  }

  /// Every node's backend, in cluster order.
  public func nodes() throws(CCMError) -> [ContainerNodeBackend] { try runtime.nodes() }

  /// The backend of `node` in `cluster` (a loaded snapshot).
  public func backend(_ node: NodeConf, in cluster: Cluster) -> ContainerNodeBackend {
    runtime.backend(node, in: cluster)
  }

  /// The backend of the node called `node` in the cluster as resolved, without reading the
  /// files again: for a command that has not changed them (a node tool after `status`).
  public func resolvedNode(_ node: String) throws(CCMError) -> ContainerNodeBackend {
    runtime.backend(try snapshot.node(named: node), in: snapshot)
  }

  /// Cuts the cluster network between the groups in `words`, each comma-separated node names.
  ///
  /// Returns the groups and what was cut. The cluster's files are read once, for the nodes,
  /// their containers and fixed addresses, and the network.
  public func partition(_ words: [String]) async throws -> (
    groups: [[String]], record: PartitionRecord
  ) {
    let cluster = try runtime.read()
    let groups = try NetworkFaults.groups(words, known: cluster.nodes.map(\.name))
    let containers = Dictionary(
      cluster.nodes.map { ($0.name, runtime.backend($0, in: cluster).containerName) },
      uniquingKeysWith: { first, _ in first })
    let record = try await faults(of: cluster).partition(
      groups, containers: containers, fixed: runtime.fixedAttachments(of: cluster))
    return (groups, record)
  }

  /// The network faults of the cluster; it needs its `cluster_network`.
  public func faults() throws -> NetworkFaults { try faults(of: runtime.read()) }

  private func faults(of cluster: Cluster) throws(CCMError) -> NetworkFaults {
    guard let network = cluster.conf.clusterNetwork else {
      throw CCMError.notAContainerCluster(cluster.name)
    }
    var placement: [String: EngineEndpoint] = [:]
    for node in cluster.nodes { placement[node.name] = node.engine }
    return NetworkFaults(
      client: runtime.client, network: network, clusterDirectory: cluster.directory,
      placement: placement)
  }
}

extension ContainerCluster {
  /// The faults between chosen nodes (`LinkFaults`); orphaned scoped faults are removed first.
  public func linkFaults() async throws -> LinkFaults {
    let faults = runtime.linkFaults(of: try runtime.read(), runner: runner)
    _ = try await faults.sweepOrphans()
    return faults
  }
}
