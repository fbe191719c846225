import CCMCore

/// A command that changes a cluster: the command table runs it holding the cluster's
/// `ClusterWriterLock`, so two ccmsh processes on one cluster serialise (or one says the
/// cluster is busy) instead of interleaving engine calls.
protocol ClusterWriting {
  var global: GlobalOptions { get }
  /// The cluster it changes; nil: the current one.
  var writtenCluster: String? { get }
}

extension ClusterWriting {
  var writtenCluster: String? { nil }

  /// Takes the lock of the cluster this command changes; nil when there is no such cluster
  /// (the command itself then says so in its own words).
  func lockCluster(in context: CommandContext) throws -> ClusterWriterLock? {
    let store = context.store(global)
    guard let name = try? store.resolveClusterName(writtenCluster), store.exists(name) else {
      return nil
    }
    return try ClusterWriterLock.acquire(
      directory: store.clusterDirectory(name), cluster: name, wait: context.lockWait)
  }
}

// Not here: `create` takes the lock itself once its cluster exists (for `-s`); `flush`,
// `compact`, nodetool and `versionfrombuild` change no state ccmsh keeps.
extension StartCommand: ClusterWriting {}
extension StopCommand: ClusterWriting {
  /// scylla-ccm's `stop NAME`: that cluster, not the current one.
  var writtenCluster: String? { name }
}
extension RestartCommand: ClusterWriting {}
extension ClearCommand: ClusterWriting {}
extension AddCommand: ClusterWriting {}
extension PopulateCommand: ClusterWriting {}
extension UpdateConfCommand: ClusterWriting {}
extension PartitionCommand: ClusterWriting {}
extension HealCommand: ClusterWriting {}
extension RemoveCommand: ClusterWriting {
  var writtenCluster: String? { name }
}
extension NodeStartCommand: ClusterWriting {}
extension NodeStopCommand: ClusterWriting {}
extension NodeRestartCommand: ClusterWriting {}
extension NodeKillCommand: ClusterWriting {}
extension NodePauseCommand: ClusterWriting {}
extension NodeResumeCommand: ClusterWriting {}
extension NodeDecommissionCommand: ClusterWriting {}
extension NodeRemoveCommand: ClusterWriting {}
extension NodeClearCommand: ClusterWriting {}
extension NodeUpdateConfCommand: ClusterWriting {}
