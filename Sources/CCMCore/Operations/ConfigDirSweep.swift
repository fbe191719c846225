import Foundation

/// Keeps ccmsh's dot-directories in the config dir free of files for clusters that no longer
/// exist: staging entries of processes that are gone (a `kill -9` mid-create or mid-remove),
/// lock files of removed clusters, and both directories once empty.
enum ConfigDirSweep {
  static let staging = ".ccmsh-staging"
  static let locks = ".ccmsh-locks"

  static func sweep(root: String) {
    let files = FileManager.default
    let stagingDirectory = root + "/" + staging
    for entry in (try? files.contentsOfDirectory(atPath: stagingDirectory)) ?? [] {
      // `<cluster>.<purpose>.<pid>.<random>`: only a dead owner's entry is removed.
      let parts = entry.split(separator: ".")
      guard parts.count >= 4, let pid = Int32(parts[parts.count - 2]), !isRunning(pid) else {
        continue
      }
      try? NodeFiles.removeTree(stagingDirectory + "/" + entry)
    }
    let lockDirectory = root + "/" + locks
    for entry in (try? files.contentsOfDirectory(atPath: lockDirectory)) ?? []
    where entry.hasSuffix(".lock") {
      let cluster = String(entry.dropLast(".lock".count))
      guard !files.fileExists(atPath: root + "/" + cluster + "/cluster.conf"),
        let lock = try? ClusterLock.acquire(root: root, cluster: cluster, wait: .zero)
      else { continue }
      // Checked again under the lock: a create may have made it meanwhile.
      if !files.fileExists(atPath: root + "/" + cluster) {
        ClusterLock.removeFile(root: root, cluster: cluster)
      }
      withExtendedLifetime(lock) {}
    }
    rmdir(stagingDirectory)
    rmdir(lockDirectory)
  }

  private static func isRunning(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }
}
