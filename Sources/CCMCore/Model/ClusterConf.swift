import Yams

/// `<cluster>/cluster.conf`: typed access to the keys ccmsh uses over the file's own YAML
/// mapping, so a rewrite keeps every other key, the key order and each value's type.
public struct ClusterConf {
  /// The whole file as read (or as built for a new cluster).
  public var mapping: Node.Mapping

  public init(mapping: Node.Mapping) { self.mapping = mapping }

  /// The cluster name (`name:`).
  public var name: String { mapping["name"]?.scalarText ?? "" }

  /// Node names in cluster order (`nodes:`).
  public var nodeNames: [String] {
    get { mapping["nodes"]?.stringArray ?? [] }
    set { mapping["nodes"] = YAMLScalar.stringList(newValue) }
  }

  /// Seed node names (`seeds:`); ccm also allows bare addresses here.
  public var seedNames: [String] {
    get { mapping["seeds"]?.stringArray ?? [] }
    set { mapping["seeds"] = YAMLScalar.stringList(newValue) }
  }

  /// Cluster-wide scylla.yaml overrides (`config_options:`).
  public var configOptions: Node.Mapping {
    get { mapping["config_options"]?.mapping ?? Node.Mapping([]) }
    set { mapping["config_options"] = .mapping(newValue) }
  }

  /// The image of a container cluster (`docker_image:`); nil for an install-dir cluster.
  public var dockerImage: String? { mapping["docker_image"]?.scalarText }

  /// The engine recorded at create (`container_runtime:`), if any.
  public var containerRuntime: RuntimeKind? {
    get { mapping["container_runtime"]?.scalarText.flatMap(RuntimeKind.init(name:)) }
    set { mapping["container_runtime"] = newValue.map { Node($0.rawValue) } ?? YAMLScalar.null }
  }

  /// The cluster's container network (`cluster_network:`), written at create.
  public var clusterNetwork: String? {
    get { mapping["cluster_network"]?.scalarText }
    set { mapping["cluster_network"] = newValue.map(YAMLScalar.string) ?? YAMLScalar.null }
  }

  /// The Scylla install directory (`install_dir:`), for clusters that run a local build.
  public var installDirectory: String? { mapping["install_dir"]?.scalarText }

  /// `partitioner:` (usually null, keeping the base file's).
  public var partitioner: String? { mapping["partitioner"]?.scalarText }

  /// `use_vnodes:`; container clusters written by ccm have no such key (false).
  public var usesVnodes: Bool { mapping["use_vnodes"]?.scalarText == "true" }

  /// `id:` (0-99), which picks the `127.0.<id>.` address block.
  public var id: Int { mapping["id"]?.scalarText.flatMap { Int($0) } ?? 0 }

  /// `ipprefix:` such as `127.0.0.` (node i gets prefix + i).
  public var ipPrefix: String? { mapping["ipprefix"]?.scalarText }

  /// `ipformat:` such as `10.0.%d.1`, which wins over the prefix.
  public var ipFormat: String? { mapping["ipformat"]?.scalarText }

  /// Whether nodes run in containers (ccm's cluster factory keys this on `docker_image`).
  public var isContainerCluster: Bool { dockerImage != nil }

  /// The address of the node with 1-based index `index` (`Cluster.get_node_ip`).
  public func address(forNodeIndex index: Int) -> String {
    if let format = ipFormat { return format.replacingOccurrences(of: "%d", with: String(index)) }
    if let prefix = ipPrefix { return prefix + String(index) }
    return "127.0.\(id).\(index)"
  }
}
