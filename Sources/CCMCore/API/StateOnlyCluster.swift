/// An install-dir cluster: state in the config dir only; nothing to start or stop.
struct StateOnlyCluster: ClusterHandle {
  let operations: ClusterOperations
  let snapshot: Cluster
  var name: String { snapshot.name }
  var containers: ContainerLifecycle? { nil }

  func remove() async throws { _ = try operations.remove(name) }

  func clear(node: String?, scope: ClearScope) async throws {
    try operations.clear(name, node: node, scope: scope)
  }

  func removeNode(_ node: String) async throws {
    try operations.removeNode(node, from: name)
  }

  func add(_ spec: NodeSpec, settings: ContainerSettings, engine: EngineEndpoint?)
    async throws -> NodeConf
  {
    if engine != nil { throw CCMError.invalidArgument("--engine is for container clusters") }
    return try operations.add(spec, to: name)
  }

  func populate(count: NodeCount) async throws -> Cluster {
    try operations.populate(name, count: count)
  }

  func liveAddresses() async throws -> [String] {
    snapshot.nodes.filter { $0.status.isLive }.compactMap { $0.storage?.host }
  }
}
