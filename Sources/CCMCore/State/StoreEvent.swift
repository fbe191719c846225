/// What `ClusterStore` tells its observer: a read of a cluster's files (cluster.conf and every
/// node.conf), its lock taken for a write, a file written.
///
/// Production stores have no observer; tests count reads with one (a command reads a cluster's
/// files once before it writes).
enum StoreEvent: Sendable, Hashable {
  case read(cluster: String)
  case lock(cluster: String)
  case write(path: String)
}

/// Receives a store's `StoreEvent`s as they happen.
typealias StoreObserver = @Sendable (StoreEvent) -> Void
