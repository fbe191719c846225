import Yams

/// `<cluster>/<node>/node.conf`: typed access (keys named in `ConfKey`) over the file's own
/// fields, so a rewrite keeps unknown keys and each value's type (ccm writes `jmx_port` as a string from `populate`
/// and as an integer from `add`; both are read).
public struct NodeConf: Sendable, Hashable {
  /// The whole file as read (or as built for a new node), in file order.
  var fields: YAMLMapping

  init(fields: YAMLMapping) { self.fields = fields }

  init(mapping: Node.Mapping) { fields = YAMLMapping(mapping) }

  /// The file as Yams' tree, for code that still edits it through Yams (each use converts).
  var mapping: Node.Mapping {
    get { fields.node }
    set { fields = YAMLMapping(newValue) }
  }

  /// The node name (`name:`).
  public var name: String { fields[.name]?.text ?? "" }

  /// `status:`; an unknown word reads as `.down` (validated when the cluster is loaded).
  public var status: NodeStatus {
    get { fields[.status]?.text.flatMap(NodeStatus.init(rawValue:)) ?? .down }
    set { fields[.status] = YAMLValue(Node(newValue.rawValue)) }
  }

  /// `auto_bootstrap:`.
  public var autoBootstrap: Bool { fields[.autoBootstrap]?.text == "true" }

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
    get { fields[.containerAddress]?.text }
    set { fields[.containerAddress] = newValue.map { YAMLValue(YAMLScalar.string($0)) } }
  }

  /// Where the node's server listens and gossips: its container address, else its storage host.
  var networkAddress: String? { containerAddress ?? storage?.host }

  /// The host address and port its CQL is published at (loopback nodes only).
  var publishedCQL: Endpoint? { containerAddress == nil ? nil : binary }

  /// `jmx_port:` as text, whether stored as a string or a number.
  public var jmxPort: String? { fields[.jmxPort]?.text }

  /// `initial_token:` as text (a 64-bit signed integer), nil for vnodes or added nodes.
  public var initialToken: String? { fields[.initialToken]?.text }

  /// `remote_debug_port:` as text.
  public var remoteDebugPort: String? { fields[.remoteDebugPort]?.text }

  /// `data_center:`, absent for single-DC clusters (then ccm's rackdc file says `dc1`).
  public var dataCenter: String? { fields[.dataCenter]?.text }

  /// `rack:`, absent unless given to `add --rack`.
  public var rack: String? { fields[.rack]?.text }

  /// Per-node scylla.yaml overrides (`config_options:`), applied after the cluster's.
  var configOptions: Node.Mapping {
    get { fields[.configOptions]?.mappingValue?.node ?? Node.Mapping([]) }
    set { fields[.configOptions] = .mapping(YAMLMapping(newValue)) }
  }

  /// The node's container id (`docker_id:`), once started.
  public var dockerID: String? {
    get { fields[.dockerID]?.text }
    set { fields[.dockerID] = YAMLValue(newValue.map(YAMLScalar.string) ?? YAMLScalar.null) }
  }

  /// The node's container name (`docker_name:`).
  var dockerName: String? { fields[.dockerName]?.text }

  /// A per-node image (`docker_image:`, written by `add --docker-image`), else the cluster's.
  public var dockerImage: String? { fields[.dockerImage]?.text }

  /// `pid:` of a plain-mode node.
  public var pid: String? {
    get { fields[.pid]?.text }
    set { fields[.pid] = newValue.map { YAMLValue(Node($0)) } }
  }

  private mutating func setEndpoint(_ key: String, _ endpoint: Endpoint?) {
    var interfaces = fields[.interfaces]?.mappingValue ?? YAMLMapping()
    interfaces[key] = YAMLValue(
      endpoint.map { Node([YAMLScalar.string($0.host), YAMLScalar.int($0.port)]) }
        ?? YAMLScalar.null)
    fields[.interfaces] = .mapping(interfaces)
  }

  private func endpoint(_ key: String) -> Endpoint? {
    guard let pair = fields[.interfaces]?.mappingValue?[key]?.strings, pair.count == 2,
      let port = Int(pair[1])
    else { return nil }
    return Endpoint(host: pair[0], port: port)
  }
}
