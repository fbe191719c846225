/// The resolver: a container cluster on disk plus the runtime its nodes live in.
///
/// `Clusters.container(_:)` builds it once per command: it loads the cluster, checks it has an
/// image, and picks the runtime (`--container-runtime`, then cluster.conf, then
/// `CCM_CONTAINER_RUNTIME`, then docker if it answers, else podman); `node(_:)` gives the backend
/// of one node.
struct ClusterRuntime: Sendable {
  let operations: ClusterOperations
  let clusterName: String
  /// The client of the CLI's default engine; a node with its own engine (`ccmsh_engine`) gets
  /// its engine's client from `engines`.
  let client: any ContainerClient
  let engines: EngineClients
  /// The cluster as it was resolved, for the command's first read (`read()`).
  let resolved: ResolvedSnapshot

  init(
    operations: ClusterOperations, clusterName: String, client: any ContainerClient,
    snapshot: Cluster? = nil
  ) {
    self.operations = operations
    self.clusterName = clusterName
    self.client = client
    self.engines = EngineClients(base: client)
    self.resolved = ResolvedSnapshot(snapshot)
  }

  /// The named (or current) cluster with its runtime; `notAContainerCluster` without an image.
  ///
  /// The kind is decided in `Clusters`, the one entry.
  static func resolve(
    _ operations: ClusterOperations, cluster: String?, runtimeFlag: String? = nil,
    environment: [String: String], runner: any ProcessRunning = SubprocessRunner()
  ) async throws -> ClusterRuntime {
    try await Clusters(operations: operations, environment: environment, runner: runner)
      .container(cluster, runtimeFlag: runtimeFlag).runtime
  }

  /// The cluster as stored now (a read after the command wrote state).
  func load() throws(CCMError) -> Cluster {
    try operations.store.load(clusterName)
  }

  /// The cluster for an operation's first read: the snapshot the command resolved, the first
  /// time (no file is read again); the cluster as stored now after that.
  func read() throws(CCMError) -> Cluster {
    if let snapshot = resolved.take() { return snapshot }
    return try load()
  }

  /// Changes the cluster's files under its lock (`ClusterOperations.modify`, which reads them
  /// again there); the resolved snapshot is forgotten first, so no later read sees the files
  /// as they were before the change.
  @discardableResult
  func modify(_ change: (inout Cluster) throws(CCMError) -> Void) throws(CCMError) -> Cluster {
    resolved.discard()
    return try operations.modify(clusterName, change)
  }

  /// The backend of `node` in `cluster` (a loaded snapshot).
  func backend(_ node: NodeConf, in cluster: Cluster) -> ContainerNodeBackend {
    ContainerNodeBackend(
      client: engines.client(for: node.engine), nodeName: node.name,
      nodeDirectory: cluster.nodeDirectory(node.name),
      containerName: node.dockerName
        ?? NodeConfBuilder.containerName(
          node.name, cluster: cluster.name, configDirectory: operations.store.root),
      network: cluster.conf.clusterNetwork)
  }

  /// The backend of the node called `name`; `nodeNotFound` otherwise.
  func node(_ name: String) throws(CCMError) -> ContainerNodeBackend {
    let cluster = try read()
    return backend(try cluster.node(named: name), in: cluster)
  }

  /// Every node's backend, in cluster order.
  func nodes() throws(CCMError) -> [ContainerNodeBackend] {
    let cluster = try read()
    return cluster.nodes.map { backend($0, in: cluster) }
  }

  /// Each node's attachment to the cluster network as its container is run with it (fixed
  /// address and MAC), for nodes that have a fixed address.
  func fixedAttachments(of cluster: Cluster) -> [String: NetworkAttachment] {
    var result: [String: NetworkAttachment] = [:]
    for node in cluster.nodes {
      let spec = NodeContainerSpec.build(
        node: node, of: cluster, containerName: "", seeds: [],
        configDirectory: operations.store.root)
      if let attachment = spec.network, attachment.ipv4Address != nil {
        result[node.name] = attachment
      }
    }
    return result
  }

  /// Every engine the cluster uses (the recorded ones, then any node's), in that order; just the
  /// default engine (nil) for a cluster on one engine.
  func allEngines(of cluster: Cluster) -> [EngineEndpoint?] {
    var result: [EngineEndpoint?] = cluster.conf.engines
    for node in cluster.nodes where !result.contains(node.engine) { result.append(node.engine) }
    return result.isEmpty ? [nil] : result
  }

  /// The labels of this cluster's containers and network.
  var labels: [String: String] {
    ContainerLabels.forCluster(clusterName, configDirectory: operations.store.root)
  }
}
