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

  /// Each node's fixed attachment to the cluster network (address and MAC), if it has one.
  public func fixedAttachments() throws(CCMError) -> [String: NetworkAttachment] {
    try runtime.fixedAttachments()
  }

  /// The network faults of the cluster; it needs its `cluster_network`.
  public func faults() throws -> NetworkFaults {
    let cluster = try runtime.read()
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
