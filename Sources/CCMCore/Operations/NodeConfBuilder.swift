import Yams

/// What a new node.conf holds, before it is laid out in scylla-ccm's key order.
struct NewNode {
  var name: String
  var address: String
  var storagePort = 7000
  var binaryPort = 9042
  /// ccm writes `jmx_port` as a string from populate and as an integer from `add`.
  var jmxPort: Node = YAMLScalar.string("7199")
  var remoteDebugPort = "0"
  var initialToken: String?
  var dataCenter: String?
  var rack: String?
  var autoBootstrap = false
  var dockerImage: String?
}

/// Lays out a new node.conf with the keys, order and value types scylla-ccm writes.
enum NodeConfBuilder {
  static func build(_ node: NewNode, in cluster: ClusterConf, configDirectory: String) -> NodeConf {
    var pairs: [(Node, Node)] = [
      (Node("name"), YAMLScalar.string(node.name)),
      (Node("status"), Node(NodeStatus.uninitialized.rawValue)),
      (Node("auto_bootstrap"), YAMLScalar.bool(node.autoBootstrap)),
      (Node("interfaces"), interfaces(node)),
      (Node("jmx_port"), node.jmxPort),
    ]
    let token = node.initialToken.map { Node($0) }
    if cluster.isContainerCluster {
      pairs.append((Node("docker_id"), YAMLScalar.null))
      pairs.append(
        (
          Node("docker_name"),
          YAMLScalar.string(
            containerName(node.name, cluster: cluster.name, configDirectory: configDirectory))
        ))
      if let image = node.dockerImage {
        pairs.append((Node("docker_image"), YAMLScalar.string(image)))
      }
      pairs.append((Node("install_dir"), YAMLScalar.string("")))
      pairs.append((Node("initial_token"), token ?? YAMLScalar.null))
    } else {
      pairs.append((Node("config_options"), .mapping(Node.Mapping([]))))
      if let token { pairs.append((Node("initial_token"), token)) }
    }
    pairs.append((Node("remote_debug_port"), YAMLScalar.string(node.remoteDebugPort)))
    if let dataCenter = node.dataCenter {
      pairs.append((Node("data_center"), YAMLScalar.string(dataCenter)))
    }
    if let rack = node.rack { pairs.append((Node("rack"), YAMLScalar.string(rack))) }
    return NodeConf(mapping: Node.Mapping(pairs))
  }

  /// The node's container name (`ContainerNames.container`).
  static func containerName(_ node: String, cluster: String, configDirectory: String) -> String {
    ContainerNames.container(node: node, cluster: cluster, configDirectory: configDirectory)
  }

  private static func interfaces(_ node: NewNode) -> Node {
    Node([
      (Node("storage"), Node([YAMLScalar.string(node.address), YAMLScalar.int(node.storagePort)])),
      (Node("binary"), Node([YAMLScalar.string(node.address), YAMLScalar.int(node.binaryPort)])),
    ])
  }
}
