/// The one way into CCMCore for a command on an existing cluster.
///
/// `resolve(_:)` reads the named (or current) cluster once and decides its kind in this one
/// place: an install-dir cluster becomes a `StateOnlyCluster`, a container cluster a
/// `ContainerCluster` with its runtime picked once. Commands that work on both kinds call the
/// `ClusterHandle` and never ask which kind it is; commands that only a container cluster has
/// (start, stop, node tools, faults) take `container(_:)`, whose members a state-only cluster
/// does not have, so `start` on an install-dir cluster cannot be written.
public struct Clusters: Sendable {
  let operations: ClusterOperations
  /// Read for the runtime choice (`CCM_CONTAINER_RUNTIME`) and by container setup.
  let environment: [String: String]
  /// Runs the container engine's CLI (a fake in tests).
  let runner: any ProcessRunning

  public init(
    operations: ClusterOperations, environment: [String: String],
    runner: any ProcessRunning = SubprocessRunner()
  ) {
    self.operations = operations
    self.environment = environment
    self.runner = runner
  }

  /// Over the config dir `configDirectory`; `target` is the cluster `-c` names, if any.
  init(
    configDirectory: String, target: String? = nil, lockWait: Duration = .seconds(2),
    environment: [String: String], runner: any ProcessRunning = SubprocessRunner()
  ) {
    self.init(
      operations: ClusterOperations(
        store: ClusterStore(root: configDirectory, target: target), lockWait: lockWait),
      environment: environment, runner: runner)
  }

  /// The named (or current) cluster, its files read once; for a container cluster, its runtime
  /// picked once (`--container-runtime` as `runtimeFlag`, then cluster.conf, then the
  /// environment).
  public func resolve(_ name: String? = nil, runtimeFlag: String? = nil) async throws
    -> any ClusterHandle
  {
    let snapshot = try operations.store.load(try operations.store.resolveClusterName(name))
    guard snapshot.conf.isContainerCluster else {
      return StateOnlyCluster(operations: operations, snapshot: snapshot)
    }
    return try await containerCluster(snapshot, runtimeFlag: runtimeFlag)
  }

  /// The named (or current) container cluster; `notAContainerCluster` for an install-dir one.
  public func container(_ name: String? = nil, runtimeFlag: String? = nil) async throws
    -> ContainerCluster
  {
    let snapshot = try operations.store.load(try operations.store.resolveClusterName(name))
    guard snapshot.conf.isContainerCluster else {
      throw CCMError.notAContainerCluster(snapshot.name)
    }
    return try await containerCluster(snapshot, runtimeFlag: runtimeFlag)
  }

  private func containerCluster(_ snapshot: Cluster, runtimeFlag: String?) async throws
    -> ContainerCluster
  {
    let choice = try await RuntimeSelection.select(
      flag: runtimeFlag, clusterConfig: snapshot.conf.containerRuntime?.rawValue,
      environment: environment, runner: runner)
    let runtime = ClusterRuntime(
      operations: operations, clusterName: snapshot.name, client: choice.client,
      snapshot: snapshot)
    return ContainerCluster(
      runtime: runtime, snapshot: snapshot, environment: environment, runner: runner)
  }
}
