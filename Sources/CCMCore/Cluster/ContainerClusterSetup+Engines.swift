/// The parts of create and add that concern a cluster on engines of its own (`--engine`):
/// every engine has the image, the network spans them, and each node records its engine.
extension ContainerClusterSetup {
  /// Checks (or pulls) `image` on every engine in `used` (the default engine when empty).
  ///
  /// Returns the first engine's view of it. A missing image names the engine that lacks it.
  func ensureImage(
    _ image: String, policy: ImagePullPolicy, on used: [EngineEndpoint], clients: EngineClients
  ) async throws -> ImageInfo {
    guard let first = used.first else {
      return try await ImageCheck.ensure(image, policy: policy, client: clients.base)
    }
    var firstInfo: ImageInfo?
    for engine in used {
      let client = clients.client(for: engine)
      do {
        let info = try await ImageCheck.ensure(image, policy: policy, client: client)
        if engine == first { firstInfo = info }
      } catch CCMError.imageNotFound {
        throw CCMError.container(
          "engine \(engine) does not have image \(image): load it there (docker save \(image)"
            + " | docker \(engine.arguments(for: .docker).joined(separator: " ")) load) or give"
            + " --pull-image")
      }
    }
    guard let firstInfo else {
      throw CCMError.container("engine \(first) did not describe image \(image)")
    }
    return firstInfo
  }

  /// Refuses `--place` pins naming nodes the cluster does not have.
  static func checkPins(_ placement: EnginePlacement, nodes: [String]) throws(CCMError) {
    if let stray = placement.pins.keys.sorted().first(where: { !nodes.contains($0) }) {
      throw .invalidArgument(
        "--place \(stray)=...: the cluster has no node \(stray) (nodes: "
          + "\(nodes.isEmpty ? "none" : nodes.joined(separator: ", ")))")
    }
  }

  /// Records each node's engine (round-robin in node order, pins first) and the engine list.
  static func recordPlacement(_ placement: EnginePlacement, in cluster: inout Cluster) {
    guard !placement.used.isEmpty else { return }
    cluster.conf.engines = placement.used
    for index in cluster.nodes.indices where cluster.nodes[index].engine == nil {
      cluster.nodes[index].engine = placement.engine(
        forNode: cluster.nodes[index].name, index: index)
    }
  }

  /// The overlay network of a cluster over several docker engines, on a Swarm
  /// (`SwarmNetwork.prepare`: made or found, checked before anything is made), with a fixed
  /// subnet so nodes keep fixed addresses.
  func prepareOverlay(
    _ network: String, cluster: String, engines: [EngineEndpoint], clients: EngineClients,
    advertise: [EngineEndpoint: String] = [:]
  ) async throws -> (SwarmSetup, ClusterSubnet, [SwarmMember]) {
    let members = try swarmMembers(engines, clients: clients, advertise: advertise)
    let subnet = ClusterSubnet.random()
    let labels = ContainerLabels.forCluster(cluster, configDirectory: operations.store.root)
    // Nodes take fixed addresses from the bottom of the /24 (.2 up); the Swarm's own
    // endpoints take theirs from the top half.
    let setup = try await SwarmNetwork.prepare(
      members: members, overlay: NetworkSpec(name: network, subnet: subnet.cidr, labels: labels),
      ipRange: subnet.prefix + ".128/25")
    return (setup, subnet, members)
  }

  func swarmMembers(
    _ engines: [EngineEndpoint], clients: EngineClients,
    advertise: [EngineEndpoint: String] = [:]
  ) throws -> [SwarmMember] {
    try engines.map { engine in
      guard let client = clients.dockerClient(for: engine) else {
        throw CCMError.invalidArgument(
          "engine \(engine): clusters over several engines need docker (its Swarm overlay)")
      }
      return SwarmMember(client: client, advertiseAddress: advertise[engine])
    }
  }

  /// Refuses `--swarm-advertise` for an engine the cluster does not use, or without a Swarm.
  static func checkAdvertise(_ request: EngineRequest, _ placement: EnginePlacement)
    throws(CCMError)
  {
    guard !request.advertise.isEmpty else { return }
    guard placement.spansEngines else {
      throw .invalidArgument(
        "--swarm-advertise is for clusters over several engines (their Swarm); this one has"
          + " \(placement.used.count)")
    }
    let given = request.advertise.keys.sorted { $0.description < $1.description }
    if let stray = given.first(where: { !placement.used.contains($0) }) {
      throw .invalidArgument("--swarm-advertise \(stray)=...: not one of the --engine engines")
    }
  }

  /// The engine for a node `add` places: the one given (it must be one of the cluster's), else
  /// the next in the cluster's round-robin; nil for a cluster on the default engine.
  static func engineForAddedNode(
    _ given: EngineEndpoint?, in cluster: Cluster
  ) throws(CCMError) -> EngineEndpoint? {
    let recorded = cluster.conf.engines
    guard let given else {
      return recorded.isEmpty ? nil : recorded[cluster.nodes.count % recorded.count]
    }
    guard !recorded.isEmpty else {
      throw .invalidArgument(
        "cluster \(cluster.name) runs on the default engine; --engine places nodes only in"
          + " clusters created with --engine")
    }
    guard recorded.contains(given) else {
      throw .invalidArgument(
        "engine \(given) is not one of cluster \(cluster.name)'s engines"
          + " (\(recorded.map(\.description).joined(separator: ", "))); a node can only be added"
          + " on one of them")
    }
    return given
  }
}
