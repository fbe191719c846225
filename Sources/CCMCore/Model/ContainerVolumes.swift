/// The one table of what a container node mounts: host directory (relative to the node
/// directory) → path inside the container, and the scylla.yaml key that points at it.
///
/// Source: the seed design's volume table (`seed-docker-support-architecture.md`). The container
/// layer builds its `-v host:container` arguments from `ContainerVolumes.all`; the scylla.yaml
/// generator writes the container paths from the same rows, so the two cannot drift apart.
struct ContainerVolume: Sendable, Equatable {
  /// Directory under the node directory on the host (`data`, `conf`, ...).
  let hostSubdirectory: String
  /// Mount point inside the container.
  let containerPath: String

  init(hostSubdirectory: String, containerPath: String) {
    self.hostSubdirectory = hostSubdirectory
    self.containerPath = containerPath
  }
}

/// The volume table, row by row.
enum ContainerVolumes {
  static let conf = ContainerVolume(hostSubdirectory: "conf", containerPath: "/etc/scylla")
  static let data = ContainerVolume(
    hostSubdirectory: "data", containerPath: "/usr/lib/scylla/data")
  static let commitlogs = ContainerVolume(
    hostSubdirectory: "commitlogs", containerPath: "/usr/lib/scylla/commitlogs")
  static let hints = ContainerVolume(
    hostSubdirectory: "hints", containerPath: "/usr/lib/scylla/hints")
  static let viewHints = ContainerVolume(
    hostSubdirectory: "view_hints", containerPath: "/usr/lib/scylla/view_hints")
  static let savedCaches = ContainerVolume(
    hostSubdirectory: "saved_caches", containerPath: "/usr/lib/scylla/saved_caches")
  static let keys = ContainerVolume(
    hostSubdirectory: "keys", containerPath: "/usr/lib/scylla/keys")
  static let logs = ContainerVolume(
    hostSubdirectory: "logs", containerPath: "/var/log/scylla")

  /// Every mount, in the order the container layer passes them.
  static let all: [ContainerVolume] = [
    conf, data, commitlogs, hints, viewHints, savedCaches, keys, logs,
  ]

  /// The scylla work directory inside the container: the parent of the data mounts.
  static let workdir = "/usr/lib/scylla"
}
