import Foundation
import Synchronization

/// The lock a command that changes a cluster (start, stop, remove, partition, a node's start,
/// kill...) holds for its whole run, so two ccmsh processes on one cluster serialise: the second
/// waits briefly, then fails in one line with `CCMError.clusterBusy`.
///
/// Why apart from `ClusterLock`: that one covers a single write of the state files and is taken
/// many times within one command; this one spans the engine calls and waits between them, so a
/// `remove` cannot pull the network from under a `start` that then reports success.
///
/// It is a `flock` on the cluster directory itself (no extra file to leave behind). Holders in
/// one process share it: a script's parallel branches restarting two nodes are one writer.
public final class ClusterWriterLock: Sendable {
  private let directory: String

  private init(directory: String) { self.directory = directory }

  deinit {
    Self.held.withLock { held in
      guard var entry = held[directory] else { return }
      entry.count -= 1
      if entry.count == 0 {
        flock(entry.descriptor, LOCK_UN)
        close(entry.descriptor)
        held[directory] = nil
      } else {
        held[directory] = entry
      }
    }
  }

  private struct Entry {
    var descriptor: Int32
    var count: Int
  }

  /// This process's locks, by cluster directory.
  private static let held = Mutex<[String: Entry]>([:])

  /// Takes the lock of `cluster` (directory `directory`), waiting up to `wait`.
  ///
  /// Throws `clusterNotFound` when the directory is gone, also when it went while waiting (a
  /// `remove` finished first), and `clusterBusy` when another process still holds it.
  public static func acquire(
    directory: String, cluster: String, wait: Duration = .seconds(2)
  ) throws(CCMError) -> ClusterWriterLock {
    let result: Result<Void, CCMError> = held.withLock { held in
      if var entry = held[directory] {
        entry.count += 1
        held[directory] = entry
        return .success(())
      }
      let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      guard descriptor >= 0 else { return .failure(.clusterNotFound(cluster)) }
      let clock = ContinuousClock()
      let deadline = clock.now + wait
      while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
        guard errno == EWOULDBLOCK || errno == EINTR, clock.now < deadline else {
          close(descriptor)
          return .failure(.clusterBusy(cluster))
        }
        usleep(20_000)
      }
      // The directory may have been removed (and even made again) while this waited.
      var opened = stat()
      var current = stat()
      guard fstat(descriptor, &opened) == 0, stat(directory, &current) == 0,
        opened.st_ino == current.st_ino, opened.st_dev == current.st_dev
      else {
        flock(descriptor, LOCK_UN)
        close(descriptor)
        return .failure(.clusterNotFound(cluster))
      }
      held[directory] = Entry(descriptor: descriptor, count: 1)
      return .success(())
    }
    try result.get()
    return ClusterWriterLock(directory: directory)
  }
}
