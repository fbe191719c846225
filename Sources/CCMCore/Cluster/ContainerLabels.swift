/// Labels on everything ccmsh creates for a cluster, so one `ps --filter label=...` finds a
/// cluster's containers (status, remove after a crash) and networks.
enum ContainerLabels {
  static let cluster = "org.ccmsh.cluster"
  static let node = "org.ccmsh.node"
  /// The config dir, so same-named clusters of two config dirs are told apart.
  static let configDirectory = "org.ccmsh.config-dir"
  /// A digest of the run arguments: a stopped container whose digest differs from the current
  /// settings (new --env, image flags, limits) is re-created rather than reused.
  static let specDigest = "org.ccmsh.spec"

  /// The labels shared by every container and the network of a cluster.
  static func forCluster(_ name: String, configDirectory: String) -> [String: String] {
    [cluster: name, Self.configDirectory: configDirectory]
  }
}
