/// An install-dir cluster: state in the config dir only; nothing to start or stop.
struct StateOnlyCluster: ClusterHandle {
  let operations: ClusterOperations
  public let snapshot: Cluster
  public var name: String { snapshot.name }
  public var containers: ContainerLifecycle? { nil }

  public func remove() async throws { _ = try operations.remove(name) }

  public func clear(node: String?, scope: ClearScope) async throws {
    try operations.clear(name, node: node, scope: scope)
  }

  public func removeNode(_ node: String) async throws {
    try operations.removeNode(node, from: name)
  }

  public func add(_ spec: NodeSpec, settings: ContainerSettings, engine: EngineEndpoint?)
    async throws -> NodeConf
  {
    if engine != nil { throw CCMError.invalidArgument("--engine is for container clusters") }
    return try operations.add(spec, to: name)
  }

  public func populate(count: NodeCount) async throws -> Cluster {
    try operations.populate(name, count: count)
  }

  public func liveAddresses() async throws -> [String] {
    snapshot.nodes.filter { $0.status.isLive }.compactMap { $0.storage?.host }
  }
}
