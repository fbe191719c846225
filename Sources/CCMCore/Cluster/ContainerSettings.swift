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
  var cpus: Double?
  var memoryBytes: Int64?

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

  /// Reads the keys from a cluster.conf's or node.conf's fields.
  init(fields: YAMLMapping) {
    environment = Self.stringMap(fields[.environment])
    imageFlags = Self.stringMap(fields[.imageFlags])
    cpus = fields[.containerCPUs]?.text.flatMap(Double.init)
    memoryBytes = fields[.containerMemory]?.text.flatMap { Int64($0) }
  }

  /// Writes the non-empty settings into `fields`, merging maps with what is there.
  func store(into fields: inout YAMLMapping) {
    let existing = ContainerSettings(fields: fields).overridden(by: self)
    if !existing.environment.isEmpty {
      fields.set(.environment, Self.node(existing.environment))
    }
    if !existing.imageFlags.isEmpty { fields.set(.imageFlags, Self.node(existing.imageFlags)) }
    if let cpus = existing.cpus { fields.set(.containerCPUs, Node(String(cpus))) }
    if let memory = existing.memoryBytes {
      fields.set(.containerMemory, YAMLScalar.int(Int(memory)))
    }
  }

  private static func stringMap(_ value: YAMLValue?) -> [String: String] {
    guard let mapping = value?.mappingValue else { return [:] }
    var result: [String: String] = [:]
    for pair in mapping.pairs {
      if let key = pair.key.text { result[key] = pair.value.text ?? "" }
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
    get { ContainerSettings(fields: fields) }
    set { newValue.store(into: &fields) }
  }

  /// The image's id recorded at create (`docker_image_id:`).
  var dockerImageID: String? {
    get { fields[.dockerImageID]?.text }
    set { fields.set(.dockerImageID, newValue.map(YAMLScalar.string) ?? YAMLScalar.null) }
  }

  /// The image's registry digest at create (`docker_image_digest:`, `name@sha256:...`); absent
  /// for images that never came from a registry (the test image).
  var dockerImageDigest: String? {
    get { fields[.dockerImageDigest]?.text }
    set { fields.set(.dockerImageDigest, newValue.map(YAMLScalar.string) ?? YAMLScalar.null) }
  }

  /// The cluster's default start timeout (`start_timeout:` seconds), else ccm's 420 s.
  var startTimeout: Duration {
    get {
      fields[.startTimeout]?.text.flatMap(Int.init).map { .seconds($0) }
        ?? WaitPolicy.nodeStart.timeout
    }
    set { fields.set(.startTimeout, YAMLScalar.int(Int(newValue.components.seconds))) }
  }
}

extension NodeConf {
  /// The node's own container settings (over the cluster's).
  public var containerSettings: ContainerSettings {
    get { ContainerSettings(fields: fields) }
    set { newValue.store(into: &fields) }
  }

  /// Drops `names` from the node's own environment (`store` only merges into it); the key goes
  /// when nothing is left.
  public mutating func unsetEnvironment(_ names: [String]) {
    var environment = containerSettings.environment
    for name in names { environment[name] = nil }
    fields.set(.environment, nil)
    if !environment.isEmpty { containerSettings = ContainerSettings(environment: environment) }
  }
}
