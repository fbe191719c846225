import Synchronization

/// The cluster as `Clusters` read it when it resolved the command's cluster, kept for the
/// command's first read so a command reads the cluster's files once.
///
/// One-shot: `take()` hands it out once and forgets it, so every later read (after the command
/// wrote state, or a second operation of the same command, as restart's start after its stop)
/// goes to disk. A write through `ContainerCluster.modify` forgets it first. Writes themselves
/// never use it: `ClusterOperations.modify` reads the files again under the cluster's lock, so
/// another process's write in between is kept, as before.
final class ResolvedSnapshot: Sendable {
  private let cluster: Mutex<Cluster?>

  init(_ cluster: Cluster?) { self.cluster = Mutex(cluster) }

  /// The snapshot if no read took it yet; nil after that.
  func take() -> Cluster? {
    cluster.withLock { value in
      defer { value = nil }
      return value
    }
  }

  /// Forgets the snapshot (the command is about to change the files).
  func discard() { cluster.withLock { $0 = nil } }
}
