/// Every key of cluster.conf and node.conf that ccmsh reads or writes, in one table.
///
/// scylla-ccm's keys keep its spelling; the others are ccmsh's own (scylla-ccm ignores unknown
/// keys, and `SideConf` keeps a copy of them where scylla-ccm's rewrites would drop them).
/// Keys not listed here are preserved as read.
enum ConfKey: String, Sendable, CaseIterable {
  // Both files.
  case name
  case configOptions = "config_options"
  case dockerImage = "docker_image"
  case installDirectory = "install_dir"
  case environment
  case imageFlags = "image_flags"
  case containerCPUs = "container_cpus"
  case containerMemory = "container_memory"

  // cluster.conf, scylla-ccm's.
  case nodes
  case seeds
  case partitioner
  case id
  case ipPrefix = "ipprefix"
  case ipFormat = "ipformat"
  case containerRuntime = "container_runtime"
  case clusterNetwork = "cluster_network"
  case useVnodes = "use_vnodes"
  case logLevel = "log_level"
  case dseConfigOptions = "dse_config_options"
  case scyllaMode = "scylla_mode"

  // cluster.conf, ccmsh's.
  case fastStart = "fast_start"
  case dockerImageID = "docker_image_id"
  case dockerImageDigest = "docker_image_digest"
  case startTimeout = "start_timeout"
  case clusterSubnet = "cluster_subnet"
  case imageUser = "image_user"
  case imageVersion = "image_version"
  case imageForwardsFlags = "image_forwards_flags"
  case engines = "ccmsh_engines"
  case swarm = "ccmsh_swarm"

  // node.conf, scylla-ccm's.
  case status
  case autoBootstrap = "auto_bootstrap"
  case interfaces
  case jmxPort = "jmx_port"
  case dockerID = "docker_id"
  case dockerName = "docker_name"
  case initialToken = "initial_token"
  case remoteDebugPort = "remote_debug_port"
  case dataCenter = "data_center"
  case rack
  case workload
  case pid

  // node.conf, ccmsh's.
  case containerAddress = "container_address"
  case engine = "ccmsh_engine"

  /// The keys scylla-ccm's container mode writes to cluster.conf itself (its `_update_config`).
  static let writtenByScyllaCCMToCluster: Set<ConfKey> = [
    .name, .nodes, .seeds, .partitioner, .configOptions, .id, .ipPrefix, .dockerImage,
    .containerRuntime, .clusterNetwork,
  ]

  /// The keys scylla-ccm's container mode writes to node.conf itself (a node's `_update_config`).
  static let writtenByScyllaCCMToNode: Set<ConfKey> = [
    .name, .status, .autoBootstrap, .interfaces, .jmxPort, .dockerID, .dockerName,
    .installDirectory, .initialToken, .remoteDebugPort, .dataCenter, .workload,
  ]
}
