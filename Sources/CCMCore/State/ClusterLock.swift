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
public final class ClusterLock {
  private let descriptor: Int32

  private init(descriptor: Int32) { self.descriptor = descriptor }

  deinit {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }

  /// Path of the lock file for `cluster` under `root`.
  public static func path(root: String, cluster: String) -> String {
    root + "/.ccmsh-locks/" + cluster + ".lock"
  }

  /// Takes the lock, waiting up to `wait`; the lock is released when the value is dropped.
  public static func acquire(
    root: String, cluster: String, wait: Duration = .seconds(2)
  ) throws(CCMError) -> ClusterLock {
    let lockPath = path(root: root, cluster: cluster)
    try AtomicFile.makeDirectory((lockPath as NSString).deletingLastPathComponent)
    let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw .fileSystem(path: lockPath, problem: "cannot open lock file: \(AtomicFile.errnoText())")
    }
    let clock = ContinuousClock()
    let deadline = clock.now + wait
    while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK, clock.now < deadline else {
        close(descriptor)
        throw .clusterLocked(cluster: cluster, lockFile: lockPath)
      }
      usleep(20_000)
    }
    return ClusterLock(descriptor: descriptor)
  }
}
