import CCMCore

/// The one way a command reaches a cluster: `CommandContext.cluster(_:named:)` resolves the
/// named (or current) cluster once and hands out what that kind of cluster can do.
///
/// Commands that work on both kinds (`remove`, `clear`, `NODE remove`, `add`, `populate`,
/// `liveset`) call the handle and never ask which kind it is; the two conformers decide.
/// Commands that only a container cluster has (start, stop, tools, faults) take the container
/// handle (`CommandContext.lifecycle`), which an install-dir cluster cannot produce.
///
/// Not `Sendable`: the snapshot is the cluster's YAML model, which stays in the command's task.
protocol ClusterHandle {
  /// The cluster's name, resolved once (`CURRENT` read at most once per command).
  var name: String { get }
  /// The cluster's files as the command found them, read once when it was resolved.
  var snapshot: Cluster { get }
  /// The container life-cycle when the cluster's nodes are containers; nil for an install-dir
  /// cluster, whose nodes ccmsh records but does not run.
  var containers: ContainerLifecycle? { get }

  /// Deletes the cluster (its containers and network too, for a container cluster).
  func remove() async throws
  /// Empties the data (and with `.dataAndLogs` the logs) of one node, or of all when nil.
  func clear(node: String?, scope: ClearScope) async throws
  /// Takes a node out of the cluster and deletes its directory.
  func removeNode(_ node: String) async throws
  /// Adds a node (on `engine` when given: container clusters only).
  func add(_ spec: NodeSpec, settings: ContainerSettings, engine: EngineEndpoint?) async throws
    -> NodeConf
  /// Adds `count` nodes to a cluster that has none.
  func populate(count: NodeCount) async throws -> Cluster
  /// The storage addresses of the nodes that are up.
  func liveAddresses() async throws -> [String]
}

/// An install-dir cluster: state in the config dir only.
struct StateOnlyCluster: ClusterHandle {
  let operations: ClusterOperations
  let snapshot: Cluster
  var name: String { snapshot.name }
  var containers: ContainerLifecycle? { nil }

  func remove() async throws { _ = try operations.remove(name) }

  func clear(node: String?, scope: ClearScope) async throws {
    try operations.clear(name, node: node, scope: scope)
  }

  func removeNode(_ node: String) async throws { try operations.removeNode(node, from: name) }

  func add(_ spec: NodeSpec, settings: ContainerSettings, engine: EngineEndpoint?) async throws
    -> NodeConf
  {
    if engine != nil { throw CCMError.invalidArgument("--engine is for container clusters") }
    return try operations.add(spec, to: name)
  }

  func populate(count: NodeCount) async throws -> Cluster {
    try operations.populate(name, count: count)
  }

  func liveAddresses() async throws -> [String] {
    snapshot.nodes.filter { $0.status.isLive }.compactMap { $0.storage?.host }
  }
}

/// A container cluster: every node a container on the cluster's network, the runtime picked
/// once.
struct ContainerCluster: ClusterHandle {
  let lifecycle: ContainerLifecycle
  let snapshot: Cluster
  let environment: [String: String]
  let runner: any ProcessRunning
  var name: String { lifecycle.runtime.clusterName }
  var containers: ContainerLifecycle? { lifecycle }

  private var setup: ContainerClusterSetup {
    ContainerClusterSetup(
      operations: lifecycle.runtime.operations, environment: environment, runner: runner)
  }

  func remove() async throws { try await lifecycle.removeCluster() }

  func clear(node: String?, scope: ClearScope) async throws {
    try await lifecycle.clear(node, scope: scope)
  }

  func removeNode(_ node: String) async throws { try await lifecycle.removeNode(node) }

  func add(_ spec: NodeSpec, settings: ContainerSettings, engine: EngineEndpoint?) async throws
    -> NodeConf
  {
    try await setup.add(spec, to: name, settings: settings, engine: engine)
  }

  func populate(count: NodeCount) async throws -> Cluster {
    try await setup.populate(name, count: count)
  }

  func liveAddresses() async throws -> [String] {
    // A loopback node is reached at its published 127.0.X.N, as with local ccm.
    let published = Dictionary(
      snapshot.nodes.compactMap { node in node.publishedCQL.map { (node.name, $0.host) } },
      uniquingKeysWith: { first, _ in first })
    return try await lifecycle.status().nodes.filter(\.isLive).compactMap {
      published[$0.name] ?? $0.address
    }
  }
}
