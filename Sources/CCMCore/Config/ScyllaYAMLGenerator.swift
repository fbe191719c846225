import Yams

/// Builds a node's `conf/scylla.yaml` with scylla-ccm's rules (`ScyllaNode.update_yaml`, and
/// `ScyllaDockerNode.update_yaml` for container clusters).
///
/// Order matters for byte-identical output: keys already in the base keep their place, new ones
/// are appended in the order they are set here, exactly as ccm's dict updates do.
enum ScyllaYAMLGenerator {
  /// The scylla.yaml mapping for `node` of `cluster`, starting from `base` as returned by
  /// `BaseScyllaYAML.load` (already in PyYAML's style, so it is not restyled per node).
  static func generate(base: Node.Mapping, cluster: Cluster, node: NodeConf) -> Node.Mapping {
    let container = cluster.conf.isContainerCluster
    let nodeDirectory = cluster.nodeDirectory(node.name)
    let listenAddress = node.networkAddress ?? "127.0.0.1"
    var yaml = base

    yaml["cluster_name"] = YAMLScalar.string(cluster.name)
    yaml["auto_bootstrap"] = YAMLScalar.bool(node.autoBootstrap)
    yaml["initial_token"] = node.fields[.initialToken]?.node ?? YAMLScalar.null
    if !cluster.conf.usesVnodes { yaml["num_tokens"] = YAMLScalar.int(1) }
    setSeeds(cluster.seedAddresses(for: node).joined(separator: ","), in: &yaml)
    // A loopback node's interfaces are host addresses and ports (what a harness connects to,
    // java's random ports included): in its container the server listens on its cluster
    // address at the default ports, and the engine publishes CQL from the host's side.
    let loopback = node.containerAddress
    if let storage = node.storage {
      yaml["listen_address"] = YAMLScalar.string(loopback ?? storage.host)
      yaml["storage_port"] = YAMLScalar.int(loopback == nil ? storage.port : defaultStoragePort)
    }
    if let binary = node.binary {
      yaml["rpc_address"] = YAMLScalar.string(loopback ?? binary.host)
      yaml["native_transport_port"] = YAMLScalar.int(
        loopback == nil ? binary.port : CQLShell.defaultPort)
    }
    if let published = node.publishedCQL {
      // Clients are told the loopback address (system.local and system.peers `rpc_address`);
      // the image's entrypoint overrides listen and rpc addresses from its flags, not this one.
      yaml["broadcast_rpc_address"] = YAMLScalar.string(published.host)
    }
    yaml["workdir,W"] = YAMLScalar.string(container ? ContainerVolumes.workdir : nodeDirectory)
    yaml["data_file_directories"] = YAMLScalar.stringList([
      directory(ContainerVolumes.data, nodeDirectory: nodeDirectory, container: container)
    ])
    let commitlogs = directory(
      ContainerVolumes.commitlogs, nodeDirectory: nodeDirectory, container: container)
    yaml["commitlog_directory"] = YAMLScalar.string(commitlogs)
    if let partitioner = cluster.conf.partitioner {
      yaml["partitioner"] = YAMLScalar.string(partitioner)
    }
    // In a container the REST API must listen on the container's own interface.
    let serviceAddress = container ? "0.0.0.0" : listenAddress
    yaml["api_address"] = YAMLScalar.string(serviceAddress)

    ConfigOverlay.apply(
      ConfigOverlay.combined(cluster: cluster.conf.configOptions, node: node.configOptions),
      to: &yaml)

    if yaml["alternator_port"] != nil || yaml["alternator_https_port"] != nil {
      yaml["alternator_address"] = YAMLScalar.string(serviceAddress)
    }
    if container {
      yaml["schema_commitlog_directory"] = YAMLScalar.string(commitlogs + "/schema")
      for (key, volume) in [
        ("hints_directory", ContainerVolumes.hints),
        ("view_hints_directory", ContainerVolumes.viewHints),
        ("saved_caches_directory", ContainerVolumes.savedCaches),
      ] {
        yaml[key] = YAMLScalar.string(
          directory(volume, nodeDirectory: nodeDirectory, container: true))
      }
      if maintenanceSocketInWorkdir(yaml, generation: cluster.conf.imageProfile?.generation) {
        yaml["maintenance_socket"] = YAMLScalar.string(maintenanceSocket)
      }
    }
    return yaml
  }

  /// ScyllaDB's default `storage_port`.
  static let defaultStoragePort = 7000

  /// Where the maintenance socket goes in a container.
  ///
  /// From 2026.2 ScyllaDB binds its maintenance socket in `workdir` by default; in a container
  /// that is the image's own directory, which a server not running as root cannot write. The
  /// socket goes to a mounted directory the image's user owns instead (26 bytes, far under the
  /// 108-byte limit of a socket path).
  static let maintenanceSocket = ContainerVolumes.keys.containerPath + "/cql.m"

  static func maintenanceSocketInWorkdir(
    _ yaml: Node.Mapping, generation: ImageGeneration?
  ) -> Bool {
    switch yaml["maintenance_socket"]?.scalarText {
    case "workdir"?: return true
    case nil: return generation.map { $0 >= ImageGeneration(2026, 2) } ?? false
    default: return false
    }
  }

  /// Where a volume's directory is as Scylla sees it: the mount point in a container, else the
  /// node's own subdirectory.
  private static func directory(
    _ volume: ContainerVolume, nodeDirectory: String, container: Bool
  ) -> String {
    container ? volume.containerPath : nodeDirectory + "/" + volume.hostSubdirectory
  }

  /// Sets `seed_provider[0].parameters[0].seeds`, keeping the rest of the provider entry.
  private static func setSeeds(_ seeds: String, in yaml: inout Node.Mapping) {
    var provider =
      yaml["seed_provider"]?.sequence?.first?.mapping
      ?? Node.Mapping([
        (Node("class_name"), Node("org.apache.cassandra.locator.SimpleSeedProvider"))
      ])
    var parameters = provider["parameters"]?.sequence?.first?.mapping ?? Node.Mapping([])
    parameters["seeds"] = YAMLScalar.string(seeds)
    provider["parameters"] = withFirst(.mapping(parameters), of: provider["parameters"])
    yaml["seed_provider"] = withFirst(.mapping(provider), of: yaml["seed_provider"])
  }

  /// A sequence whose first element is `first`, keeping any others from `sequence`.
  private static func withFirst(_ first: Node, of sequence: Node?) -> Node {
    Node([first] + (sequence?.sequence.map(Array.init)?.dropFirst() ?? []))
  }
}
