import Foundation

/// A per-cluster advisory lock (`flock`) so two ccmsh processes cannot interleave writes to one
/// cluster's files.
///
/// The lock file is `<config dir>/.ccmsh-locks/<cluster>.lock`: outside the cluster directory,
/// so `create` can lock before the directory exists and `remove` can delete it while locked, and
/// in a dot-directory that scylla-ccm's `list` ignores (it has no cluster.conf).
///
/// Policy: wait briefly (default 2 s, polling every 20 ms) for a short command in another
/// process to finish, then fail with `CCMError.clusterLocked`.
final class ClusterLock {
  private let descriptor: Int32

  private init(descriptor: Int32) { self.descriptor = descriptor }

  deinit {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }

  /// Path of the lock file for `cluster` under `root`.
  static func path(root: String, cluster: String) -> String {
    root + "/.ccmsh-locks/" + cluster + ".lock"
  }

  /// Takes the lock, waiting up to `wait`; the lock is released when the value is dropped.
  static func acquire(
    root: String, cluster: String, wait: Duration = .seconds(2)
  ) throws(CCMError) -> ClusterLock {
    let lockPath = path(root: root, cluster: cluster)
    let clock = ContinuousClock()
    let deadline = clock.now + wait
    while true {
      try AtomicFile.makeDirectory((lockPath as NSString).deletingLastPathComponent)
      let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      // The directory may have been swept empty between the two calls: make it again.
      if descriptor < 0, errno == ENOENT, clock.now < deadline { continue }
      guard descriptor >= 0 else {
        throw .fileSystem(
          path: lockPath, problem: "cannot open lock file: \(AtomicFile.errnoText())")
      }
      while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
        guard errno == EWOULDBLOCK, clock.now < deadline else {
          close(descriptor)
          throw .clusterLocked(cluster: cluster, lockFile: lockPath)
        }
        usleep(20_000)
      }
      // The holder may have deleted the file (`removeFile`) before releasing it: a lock on that
      // old inode guards nothing, so take the one now at the path.
      if isStillAtPath(descriptor, lockPath) { return ClusterLock(descriptor: descriptor) }
      flock(descriptor, LOCK_UN)
      close(descriptor)
    }
  }

  private static func isStillAtPath(_ descriptor: Int32, _ path: String) -> Bool {
    var open = stat()
    var named = stat()
    guard fstat(descriptor, &open) == 0, stat(path, &named) == 0 else { return false }
    return open.st_ino == named.st_ino && open.st_dev == named.st_dev
  }

  /// Deletes the lock file while holding it (the cluster is gone: nothing is left for it in the
  /// config dir); a waiter then finds its inode stale and takes a new one.
  static func removeFile(root: String, cluster: String) {
    unlink(path(root: root, cluster: cluster))
  }
}
