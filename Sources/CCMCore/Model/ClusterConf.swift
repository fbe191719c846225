import Yams

/// `<cluster>/cluster.conf`: typed access to the keys ccmsh uses (named in `ConfKey`) over the
/// file's own fields, so a rewrite keeps every other key, the key order and each value's type.
public struct ClusterConf: Sendable, Hashable {
  /// The whole file as read (or as built for a new cluster), in file order.
  var fields: YAMLMapping

  init(fields: YAMLMapping) { self.fields = fields }

  init(mapping: Node.Mapping) { fields = YAMLMapping(mapping) }

  /// The file as Yams' tree, for code that still edits it through Yams (each use converts).
  var mapping: Node.Mapping {
    get { fields.node }
    set { fields = YAMLMapping(newValue) }
  }

  /// The cluster name (`name:`).
  var name: String { fields[.name]?.text ?? "" }

  /// Node names in cluster order (`nodes:`).
  var nodeNames: [String] {
    get { fields[.nodes]?.strings ?? [] }
    set { fields[.nodes] = YAMLValue(YAMLScalar.stringList(newValue)) }
  }

  /// Seed node names (`seeds:`); ccm also allows bare addresses here.
  var seedNames: [String] {
    get { fields[.seeds]?.strings ?? [] }
    set { fields[.seeds] = YAMLValue(YAMLScalar.stringList(newValue)) }
  }

  /// Cluster-wide scylla.yaml overrides (`config_options:`).
  var configOptions: Node.Mapping {
    get { fields[.configOptions]?.mappingValue?.node ?? Node.Mapping([]) }
    set { fields[.configOptions] = .mapping(YAMLMapping(newValue)) }
  }

  /// The image of a container cluster (`docker_image:`); nil for an install-dir cluster.
  public var dockerImage: String? {
    get { fields[.dockerImage]?.text }
    set { fields.set(.dockerImage, newValue.map(YAMLScalar.string)) }
  }

  /// The engine recorded at create (`container_runtime:`), if any.
  var containerRuntime: RuntimeKind? {
    get { fields[.containerRuntime]?.text.flatMap(RuntimeKind.init(name:)) }
    set {
      fields[.containerRuntime] = YAMLValue(newValue.map { Node($0.rawValue) } ?? YAMLScalar.null)
    }
  }

  /// The cluster's container network (`cluster_network:`), written at create.
  var clusterNetwork: String? {
    get { fields[.clusterNetwork]?.text }
    set { fields[.clusterNetwork] = YAMLValue(newValue.map(YAMLScalar.string) ?? YAMLScalar.null) }
  }

  /// The Scylla install directory (`install_dir:`), for clusters that run a local build.
  var installDirectory: String? { fields[.installDirectory]?.text }

  /// `partitioner:` (usually null, keeping the base file's).
  var partitioner: String? { fields[.partitioner]?.text }

  /// `use_vnodes:`; container clusters written by ccm have no such key (false).
  var usesVnodes: Bool { fields[.useVnodes]?.text == "true" }

  /// `id:` (0-99), which picks the `127.0.<id>.` address block.
  var id: Int { fields[.id]?.text.flatMap { Int($0) } ?? 0 }

  /// `ipprefix:` such as `127.0.0.` (node i gets prefix + i).
  var ipPrefix: String? { fields[.ipPrefix]?.text }

  /// `ipformat:` such as `10.0.%d.1`, which wins over the prefix.
  var ipFormat: String? { fields[.ipFormat]?.text }

  /// Whether nodes run in containers (ccm's cluster factory keys this on `docker_image`).
  public var isContainerCluster: Bool { dockerImage != nil }

  /// The address of the node with 1-based index `index` (`Cluster.get_node_ip`).
  func address(forNodeIndex index: Int) -> String {
    if let format = ipFormat { return format.replacingOccurrences(of: "%d", with: String(index)) }
    if let prefix = ipPrefix { return prefix + String(index) }
    return "127.0.\(id).\(index)"
  }
}
