import Yams

/// Lays out a new cluster.conf with the keys, order and value types scylla-ccm writes
/// (`ScyllaCluster._update_config`, `ScyllaDockerCluster._update_config`).
enum ClusterConfBuilder {
  static func build(
    _ spec: ClusterSpec, configDirectory: String
  ) throws(CCMError) -> ClusterConf {
    var options: [(Node, Node)] = [(Node("start_native_transport"), YAMLScalar.bool(true))]
    if let snitch = spec.snitch {
      options.append((Node("endpoint_snitch"), Node(snitch)))
    } else if spec.nodeCount?.isMultiDataCenter == true {
      options.append(
        (
          Node("endpoint_snitch"),
          Node("org.apache.cassandra.locator.GossipingPropertyFileSnitch")
        ))
    }
    if spec.tokens == .vnodes { options.append((Node("num_tokens"), YAMLScalar.int(256))) }
    // Where the server finds the key files: the keys mount, or the cluster directory.
    if case .container = spec.source {
      options += spec.security.configOptions(keys: ContainerVolumes.keys.containerPath)
    } else {
      options += spec.security.configOptions(keys: configDirectory + "/" + spec.name)
    }

    var pairs: [(Node, Node)] = [
      (Node("name"), YAMLScalar.string(spec.name)),
      (Node("nodes"), YAMLScalar.stringList([])),
      (Node("seeds"), YAMLScalar.stringList([])),
      (Node("partitioner"), YAMLScalar.null),
    ]
    let (id, prefix, format) = try addressKeys(spec.addressing)
    switch spec.source {
    case .installDirectory(let path):
      pairs += [
        (Node("install_dir"), YAMLScalar.string(path)),
        (Node("config_options"), Node(options)),
        (Node("dse_config_options"), .mapping(Node.Mapping([]))),
        (Node("log_level"), Node("INFO")),
        (Node("use_vnodes"), YAMLScalar.bool(spec.tokens == .vnodes)),
      ]
      pairs += addressPairs(id: id, prefix: prefix, format: format)
      pairs.append((Node("scylla_mode"), Node("release")))
    case .container(let image, let runtime, _):
      pairs.append((Node("config_options"), Node(options)))
      if spec.tokens == .vnodes { pairs.append((Node("use_vnodes"), YAMLScalar.bool(true))) }
      pairs += addressPairs(id: id, prefix: prefix, format: format)
      pairs.append((Node("docker_image"), YAMLScalar.string(image)))
      if let runtime { pairs.append((Node("container_runtime"), Node(runtime.rawValue))) }
      pairs.append(
        (
          Node("cluster_network"),
          YAMLScalar.string(
            ContainerNames.network(cluster: spec.name, configDirectory: configDirectory))
        ))
    }
    return ClusterConf(mapping: Node.Mapping(pairs))
  }

  private static func addressKeys(
    _ addressing: Addressing
  ) throws(CCMError) -> (id: Int, prefix: String?, format: String?) {
    switch addressing {
    case .standard(let id):
      guard (0...99).contains(id) else { throw .invalidArgument("--id must be 0-99, got \(id)") }
      return (id, id == 0 ? nil : "127.0.\(id).", nil)
    case .prefix(let prefix):
      return (0, prefix, nil)
    case .format(let format):
      guard format.components(separatedBy: "%d").count == 2 else {
        throw .invalidArgument("--ip-format needs exactly one %d, got '\(format)'")
      }
      return (0, nil, format)
    }
  }

  private static func addressPairs(id: Int, prefix: String?, format: String?) -> [(Node, Node)] {
    var pairs: [(Node, Node)] = [
      (Node("id"), YAMLScalar.int(id)),
      (Node("ipprefix"), prefix.map(YAMLScalar.string) ?? YAMLScalar.null),
    ]
    if let format { pairs.append((Node("ipformat"), YAMLScalar.string(format))) }
    return pairs
  }
}
