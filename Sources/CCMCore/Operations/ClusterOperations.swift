import Foundation

/// The cluster operations that only touch state on disk: create, populate, add, switch, remove,
/// clear, updateconf.
///
/// Each mutating operation holds the cluster's `ClusterLock`.
///
/// Container operations (start, stop, ...) build on the same store and come with the
/// container-cluster work.
public struct ClusterOperations: Sendable {
  let store: ClusterStore
  /// How long to wait for another process's lock before failing.
  let lockWait: Duration

  public init(store: ClusterStore, lockWait: Duration = .seconds(2)) {
    self.store = store
    self.lockWait = lockWait
  }

  /// Runs `body` while holding the cluster's lock.
  func locked<T>(_ cluster: String, _ body: () throws(CCMError) -> T) throws(CCMError) -> T {
    let lock = try ClusterLock.acquire(root: store.root, cluster: cluster, wait: lockWait)
    store.observer?(.lock(cluster: cluster))
    defer { withExtendedLifetime(lock) {} }
    return try body()
  }

  /// Makes an existing cluster current (`switch`).
  public func switchCurrent(to name: String) throws(CCMError) {
    try EntityName.validate(name, as: .cluster)
    guard store.exists(name) else { throw .clusterNotFound(name) }
    try store.switchCurrent(to: name)
  }

  /// Deletes a cluster's directory (the current one when `name` is nil) and CURRENT if it named it.
  ///
  /// The directory is first renamed away, so no reader sees half a cluster.
  @discardableResult
  func remove(_ name: String?) throws(CCMError) -> String {
    let name = try store.resolveClusterName(name)
    try locked(name) { () throws(CCMError) in
      let trash = try stagingPath(for: name, purpose: "removed")
      guard rename(store.clusterDirectory(name), trash) == 0 else {
        throw .fileSystem(
          path: store.clusterDirectory(name), problem: "cannot remove: \(AtomicFile.errnoText())")
      }
      if store.currentClusterName() == name { store.clearCurrent() }
      try NodeFiles.removeTree(trash)
      ClusterLock.removeFile(root: store.root, cluster: name)
    }
    ConfigDirSweep.sweep(root: store.root)
    return name
  }

  /// A fresh path under `<config dir>/.ccmsh-staging/`, a directory scylla-ccm ignores.
  func stagingPath(for name: String, purpose: String) throws(CCMError) -> String {
    let staging = store.root + "/.ccmsh-staging"
    try AtomicFile.makeDirectory(staging)
    return staging + "/\(name).\(purpose).\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
  }
}
