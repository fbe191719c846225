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
      (ConfKey.name.node, YAMLScalar.string(node.name)),
      (ConfKey.status.node, Node(NodeStatus.uninitialized.rawValue)),
      (ConfKey.autoBootstrap.node, YAMLScalar.bool(node.autoBootstrap)),
      (ConfKey.interfaces.node, interfaces(node)),
      (ConfKey.jmxPort.node, node.jmxPort),
    ]
    let token = node.initialToken.map { Node($0) }
    if cluster.isContainerCluster {
      pairs.append((ConfKey.dockerID.node, YAMLScalar.null))
      pairs.append(
        (
          ConfKey.dockerName.node,
          YAMLScalar.string(
            containerName(node.name, cluster: cluster.name, configDirectory: configDirectory))
        ))
      if let image = node.dockerImage {
        pairs.append((ConfKey.dockerImage.node, YAMLScalar.string(image)))
      }
      pairs.append((ConfKey.installDirectory.node, YAMLScalar.string("")))
      pairs.append((ConfKey.initialToken.node, token ?? YAMLScalar.null))
    } else {
      pairs.append((ConfKey.configOptions.node, .mapping(Node.Mapping([]))))
      if let token { pairs.append((ConfKey.initialToken.node, token)) }
    }
    pairs.append((ConfKey.remoteDebugPort.node, YAMLScalar.string(node.remoteDebugPort)))
    if let dataCenter = node.dataCenter {
      pairs.append((ConfKey.dataCenter.node, YAMLScalar.string(dataCenter)))
    }
    if let rack = node.rack { pairs.append((ConfKey.rack.node, YAMLScalar.string(rack))) }
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
