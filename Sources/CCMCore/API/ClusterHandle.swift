/// What a cluster of either kind can do, as `Clusters.resolve(_:)` hands it out.
///
/// Two conformers: `StateOnlyCluster` (install-dir: ccmsh records its nodes but does not run
/// them) and `ContainerCluster` (every node a container). The commands that only a container
/// cluster has are members of `ContainerCluster` alone.
///
/// Not `Sendable`: the snapshot is the cluster's YAML model, which stays in the command's task.
public protocol ClusterHandle {
  /// The cluster's name, resolved once (`CURRENT` read at most once per command).
  var name: String { get }
  /// The cluster's files as the command found them, read once when it was resolved.
  var snapshot: Cluster { get }
  /// The container life-cycle when the cluster's nodes are containers; nil for an install-dir
  /// cluster.
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
