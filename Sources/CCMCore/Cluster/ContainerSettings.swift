import CCMWait
import Yams

/// The container-only keys ccmsh adds to cluster.conf and node.conf (scylla-ccm ignores unknown
/// keys), each with a node-level value that wins over the cluster's.
///
/// cluster.conf: `docker_image_id` (the image's id at create), `environment`, `image_flags`,
/// `container_cpus`, `container_memory`, `start_timeout` (seconds).
/// node.conf: `environment`, `image_flags`, `container_cpus`, `container_memory`.
public struct ContainerSettings: Sendable, Hashable {
  /// `--env K=V`: passed to the container.
  public var environment: [String: String] = [:]
  /// Entrypoint flags without the dashes (`smp: "2"` is `--smp 2`), over the defaults.
  public var imageFlags: [String: String] = [:]
  public var cpus: Double?
  public var memoryBytes: Int64?

  public init(
    environment: [String: String] = [:], imageFlags: [String: String] = [:], cpus: Double? = nil,
    memoryBytes: Int64? = nil
  ) {
    self.environment = environment
    self.imageFlags = imageFlags
    self.cpus = cpus
    self.memoryBytes = memoryBytes
  }

  /// Node settings over cluster settings.
  func overridden(by node: ContainerSettings) -> ContainerSettings {
    ContainerSettings(
      environment: environment.merging(node.environment) { $1 },
      imageFlags: imageFlags.merging(node.imageFlags) { $1 },
      cpus: node.cpus ?? cpus, memoryBytes: node.memoryBytes ?? memoryBytes)
  }

  /// Reads the keys from a cluster.conf or node.conf mapping.
  init(mapping: Node.Mapping) {
    environment = Self.stringMap(mapping["environment"])
    imageFlags = Self.stringMap(mapping["image_flags"])
    cpus = mapping["container_cpus"]?.scalarText.flatMap(Double.init)
    memoryBytes = mapping["container_memory"]?.scalarText.flatMap { Int64($0) }
  }

  /// Writes the non-empty settings into `mapping`, merging maps with what is there.
  func store(into mapping: inout Node.Mapping) {
    let existing = ContainerSettings(mapping: mapping).overridden(by: self)
    if !existing.environment.isEmpty {
      mapping["environment"] = Self.node(existing.environment)
    }
    if !existing.imageFlags.isEmpty { mapping["image_flags"] = Self.node(existing.imageFlags) }
    if let cpus = existing.cpus { mapping["container_cpus"] = Node(String(cpus)) }
    if let memory = existing.memoryBytes {
      mapping["container_memory"] = YAMLScalar.int(Int(memory))
    }
  }

  private static func stringMap(_ node: Node?) -> [String: String] {
    guard let mapping = node?.mapping else { return [:] }
    var result: [String: String] = [:]
    for (key, value) in mapping {
      if let key = key.scalarText { result[key] = value.scalarText ?? "" }
    }
    return result
  }

  private static func node(_ map: [String: String]) -> Node {
    .mapping(
      Node.Mapping(
        map.sorted { $0.key < $1.key }.map { (Node($0.key), YAMLScalar.string($0.value)) }))
  }
}

extension ClusterConf {
  /// The cluster-wide container settings.
  public var containerSettings: ContainerSettings {
    get { ContainerSettings(mapping: mapping) }
    set { newValue.store(into: &mapping) }
  }

  /// The image's id recorded at create (`docker_image_id:`).
  var dockerImageID: String? {
    get { mapping["docker_image_id"]?.scalarText }
    set { mapping["docker_image_id"] = newValue.map(YAMLScalar.string) ?? YAMLScalar.null }
  }

  /// The image's registry digest at create (`docker_image_digest:`, `name@sha256:...`); absent
  /// for images that never came from a registry (the test image).
  var dockerImageDigest: String? {
    get { mapping["docker_image_digest"]?.scalarText }
    set { mapping["docker_image_digest"] = newValue.map(YAMLScalar.string) ?? YAMLScalar.null }
  }

  /// `cluster_network:` written at create.
  public var network: String? {
    get { clusterNetwork }
    set { mapping["cluster_network"] = newValue.map(YAMLScalar.string) ?? YAMLScalar.null }
  }

  /// `container_runtime:`, written at create with the runtime actually used.
  public var runtime: ContainerRuntimeName? {
    get { containerRuntime }
    set { mapping["container_runtime"] = newValue.map { Node($0.rawValue) } ?? YAMLScalar.null }
  }

  /// The cluster's default start timeout (`start_timeout:` seconds), else ccm's 420 s.
  public var startTimeout: Duration {
    get {
      mapping["start_timeout"]?.scalarText.flatMap(Int.init).map { .seconds($0) }
        ?? WaitPolicy.nodeStart.timeout
    }
    set { mapping["start_timeout"] = YAMLScalar.int(Int(newValue.components.seconds)) }
  }
}

extension NodeConf {
  /// The node's own container settings (over the cluster's).
  public var containerSettings: ContainerSettings {
    get { ContainerSettings(mapping: mapping) }
    set { newValue.store(into: &mapping) }
  }

  /// Drops `names` from the node's own environment (`store` only merges into it); the key goes
  /// when nothing is left.
  public mutating func unsetEnvironment(_ names: [String]) {
    var environment = containerSettings.environment
    for name in names { environment[name] = nil }
    mapping["environment"] = nil
    if !environment.isEmpty { containerSettings = ContainerSettings(environment: environment) }
  }
}
