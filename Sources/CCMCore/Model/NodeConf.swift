import Yams

/// `<cluster>/<node>/node.conf`: typed access over the file's own YAML mapping, so a rewrite
/// keeps unknown keys and each value's type (ccm writes `jmx_port` as a string from `populate`
/// and as an integer from `add`; both are read).
public struct NodeConf {
  /// The whole file as read (or as built for a new node).
  public var mapping: Node.Mapping

  public init(mapping: Node.Mapping) { self.mapping = mapping }

  /// The node name (`name:`).
  public var name: String { mapping["name"]?.scalarText ?? "" }

  /// `status:`; an unknown word reads as `.down` (validated when the cluster is loaded).
  public var status: NodeStatus {
    get { mapping["status"]?.scalarText.flatMap(NodeStatus.init(rawValue:)) ?? .down }
    set { mapping["status"] = Node(newValue.rawValue) }
  }

  /// `auto_bootstrap:`.
  public var autoBootstrap: Bool { mapping["auto_bootstrap"]?.scalarText == "true" }

  /// Gossip address and port (`interfaces.storage`).
  public var storage: Endpoint? {
    get { endpoint("storage") }
    set { setEndpoint("storage", newValue) }
  }

  /// CQL address and port (`interfaces.binary`).
  public var binary: Endpoint? {
    get { endpoint("binary") }
    set { setEndpoint("binary", newValue) }
  }

  /// The node's address on the cluster network (`container_address:`, a ccmsh key) when its
  /// interfaces carry a loopback address the engine publishes on the host (`create -i 127.0.X.`):
  /// node.conf keeps the 127.0.X.N scylla-ccm writes, the container keeps a fixed address for
  /// node-to-node traffic.
  public var containerAddress: String? {
    get { mapping["container_address"]?.scalarText }
    set { mapping["container_address"] = newValue.map(YAMLScalar.string) }
  }

  /// Where the node's server listens and gossips: its container address, else its storage host.
  public var networkAddress: String? { containerAddress ?? storage?.host }

  /// The host address and port its CQL is published at (loopback nodes only).
  public var publishedCQL: Endpoint? { containerAddress == nil ? nil : binary }

  /// `jmx_port:` as text, whether stored as a string or a number.
  public var jmxPort: String? { mapping["jmx_port"]?.scalarText }

  /// `initial_token:` as text (a 64-bit signed integer), nil for vnodes or added nodes.
  public var initialToken: String? { mapping["initial_token"]?.scalarText }

  /// `remote_debug_port:` as text.
  public var remoteDebugPort: String? { mapping["remote_debug_port"]?.scalarText }

  /// `data_center:`, absent for single-DC clusters (then ccm's rackdc file says `dc1`).
  public var dataCenter: String? { mapping["data_center"]?.scalarText }

  /// `rack:`, absent unless given to `add --rack`.
  public var rack: String? { mapping["rack"]?.scalarText }

  /// Per-node scylla.yaml overrides (`config_options:`), applied after the cluster's.
  public var configOptions: Node.Mapping {
    get { mapping["config_options"]?.mapping ?? Node.Mapping([]) }
    set { mapping["config_options"] = .mapping(newValue) }
  }

  /// The node's container id (`docker_id:`), once started.
  public var dockerID: String? {
    get { mapping["docker_id"]?.scalarText }
    set { mapping["docker_id"] = newValue.map(YAMLScalar.string) ?? YAMLScalar.null }
  }

  /// The node's container name (`docker_name:`).
  public var dockerName: String? { mapping["docker_name"]?.scalarText }

  /// A per-node image (`docker_image:`, written by `add --docker-image`), else the cluster's.
  public var dockerImage: String? { mapping["docker_image"]?.scalarText }

  /// `pid:` of a plain-mode node.
  public var pid: String? {
    get { mapping["pid"]?.scalarText }
    set { mapping["pid"] = newValue.map { Node($0) } }
  }

  private mutating func setEndpoint(_ key: String, _ endpoint: Endpoint?) {
    var interfaces = mapping["interfaces"]?.mapping ?? Node.Mapping([])
    interfaces[key] =
      endpoint.map {
        Node([YAMLScalar.string($0.host), YAMLScalar.int($0.port)])
      } ?? YAMLScalar.null
    mapping["interfaces"] = .mapping(interfaces)
  }

  private func endpoint(_ key: String) -> Endpoint? {
    guard let pair = mapping["interfaces"]?.mapping?[key]?.stringArray, pair.count == 2,
      let port = Int(pair[1])
    else { return nil }
    return Endpoint(host: pair[0], port: port)
  }
}
