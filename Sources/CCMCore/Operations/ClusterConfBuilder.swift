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
      (ConfKey.name.node, YAMLScalar.string(spec.name)),
      (ConfKey.nodes.node, YAMLScalar.stringList([])),
      (ConfKey.seeds.node, YAMLScalar.stringList([])),
      (ConfKey.partitioner.node, YAMLScalar.null),
    ]
    let (id, prefix, format) = try addressKeys(spec.addressing)
    switch spec.source {
    case .installDirectory(let path):
      pairs += [
        (ConfKey.installDirectory.node, YAMLScalar.string(path)),
        (ConfKey.configOptions.node, Node(options)),
        (ConfKey.dseConfigOptions.node, .mapping(Node.Mapping([]))),
        (ConfKey.logLevel.node, Node("INFO")),
        (ConfKey.useVnodes.node, YAMLScalar.bool(spec.tokens == .vnodes)),
      ]
      pairs += addressPairs(id: id, prefix: prefix, format: format)
      pairs.append((ConfKey.scyllaMode.node, Node("release")))
    case .container(let image, let runtime, _):
      pairs.append((ConfKey.configOptions.node, Node(options)))
      if spec.tokens == .vnodes { pairs.append((ConfKey.useVnodes.node, YAMLScalar.bool(true))) }
      pairs += addressPairs(id: id, prefix: prefix, format: format)
      pairs.append((ConfKey.dockerImage.node, YAMLScalar.string(image)))
      if let runtime { pairs.append((ConfKey.containerRuntime.node, Node(runtime.rawValue))) }
      pairs.append(
        (
          ConfKey.clusterNetwork.node,
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
      (ConfKey.id.node, YAMLScalar.int(id)),
      (ConfKey.ipPrefix.node, prefix.map(YAMLScalar.string) ?? YAMLScalar.null),
    ]
    if let format { pairs.append((ConfKey.ipFormat.node, YAMLScalar.string(format))) }
    return pairs
  }
}
