import Foundation

/// create / populate / add for container clusters: the state operations of `ClusterOperations`
/// wrapped with what the runtime needs, in an order that leaves nothing behind on failure.
///
/// create: runtime chosen → image validated (or pulled) → `/etc/scylla` extracted to staging →
/// state written (not yet current) → network `ccm-<name>-<tag>` created → image id, runtime, network
/// and settings recorded → CURRENT switched. A failure at any step undoes the earlier ones.
public struct ContainerClusterSetup: Sendable {
  let operations: ClusterOperations
  let environment: [String: String]
  let runner: any ProcessRunning

  public init(
    operations: ClusterOperations, environment: [String: String],
    runner: any ProcessRunning = SubprocessRunner()
  ) {
    self.operations = operations
    self.environment = environment
    self.runner = runner
  }

  /// Creates a container cluster (`create --docker-image`); `startTimeout` becomes the
  /// cluster's default for start waits.
  @discardableResult
  public func create(
    _ spec: ClusterSpec, settings: ContainerSettings, pull: ImagePullPolicy,
    startTimeout: Duration? = nil, engines request: EngineRequest = .none,
    nodeImages: [String: String] = [:]
  ) async throws -> Cluster {
    guard case .container(let image, let runtime, let givenBase) = spec.source else {
      return try operations.create(spec)
    }
    try EntityName.validate(spec.name, as: .cluster)
    guard !operations.store.exists(spec.name) else { throw CCMError.clusterExists(spec.name) }
    try spec.security.validate()  // before the engine is asked anything
    let selected = try await RuntimeSelection.select(
      flag: runtime?.rawValue, environment: environment, runner: runner
    ).client
    // The engines: none given is the default engine, exactly as before.
    let placement = try EnginePlacement(
      engines: request.engines, pins: request.pins, runtime: selected.kind)
    try Self.checkAdvertise(request, placement)
    let clients = EngineClients(base: selected)
    let client = clients.client(for: placement.used.first)
    let imageInfo = try await ensureImage(
      image, policy: pull, on: placement.used, clients: clients)
    // Per-node images (a mixed-version cluster) are checked before anything is made.
    for own in Set(nodeImages.values).sorted() where own != image {
      _ = try await ensureImage(own, policy: pull, on: placement.used, clients: clients)
    }

    let extracted = try operations.stagingPath(for: spec.name, purpose: "image-conf")
    defer { try? NodeFiles.removeTree(extracted) }
    await TransientSweep.sweep(client)
    let (imageBase, profile) = try await ImageConfigCache.extract(
      image, info: imageInfo, client: client, to: extracted)
    try ImageFlagRules.check(settings.imageFlags, profile: profile, subject: "--image-flag")

    var stateSpec = spec
    stateSpec.source = .container(
      image: image, runtime: client.kind,
      baseConfig: givenBase ?? imageBase)
    stateSpec.current = .keepCurrent
    let network = ContainerNames.network(
      cluster: spec.name, configDirectory: operations.store.root)
    var networkCreated = false
    var swarm: (setup: SwarmSetup, members: [SwarmMember])?
    do {
      let created = try operations.create(stateSpec)
      try Self.checkPins(placement, nodes: created.nodes.map(\.name))
      try Self.checkNodeImages(nodeImages, nodes: created.nodes.map(\.name))
      let cache = created.directory + "/" + ImageConfigCache.directoryName
      guard rename(extracted, cache) == 0 else {
        throw CCMError.fileSystem(path: cache, problem: AtomicFile.errnoText())
      }
      for node in created.nodes {
        try ImageConfigCache.install(clusterDirectory: created.directory, node: node.name)
      }
      if created.conf.publishesLoopback {
        // Another running cluster with this prefix: say so before anything is made.
        try LoopbackPublication.ensureFree(
          created.nodes.compactMap { node in node.binary.map { (node.name, $0) } },
          cluster: spec.name)
      }
      let subnet: ClusterSubnet?
      if placement.spansEngines {
        let (setup, overlaySubnet, members) = try await prepareOverlay(
          network, cluster: spec.name, engines: placement.used, clients: clients,
          advertise: request.advertise)
        swarm = (setup, members)
        subnet = overlaySubnet
      } else {
        let (bridgeSubnet, isNew) = try await ensureNetwork(
          network, cluster: spec.name, client: client)
        networkCreated = isNew
        subnet = bridgeSubnet
      }
      try operations.modify(spec.name) { (cluster: inout Cluster) throws(CCMError) in
        Self.recordPlacement(placement, in: &cluster)
        cluster.conf.swarmSetup = swarm?.setup
        cluster.conf.clusterNetwork = network
        cluster.conf.subnet = subnet
        cluster.conf.dockerImageID = imageInfo.id
        if let digest = imageInfo.digests.first { cluster.conf.dockerImageDigest = digest }
        cluster.conf.containerSettings = settings
        cluster.conf.imageProfile = profile
        if let startTimeout { cluster.conf.startTimeout = startTimeout }
        subnet?.assignAddresses(in: &cluster)
        for index in cluster.nodes.indices {
          if let own = nodeImages[cluster.nodes[index].name], own != image {
            cluster.nodes[index].setDockerImage(own)
          }
        }
      }
      try operations.regenerateConfiguration(spec.name)
      let cluster = try operations.store.load(spec.name)
      if spec.current == .switchToNew { try operations.store.switchCurrent(to: spec.name) }
      return cluster
    } catch {
      if networkCreated { try? await client.removeNetwork(network) }
      if let swarm {
        let labels = ContainerLabels.forCluster(spec.name, configDirectory: operations.store.root)
        try? await SwarmNetwork.remove(
          swarm.setup, members: swarm.members,
          overlay: NetworkSpec(name: network, labels: labels))
      }
      if operations.store.exists(spec.name) { _ = try? operations.remove(spec.name) }
      throw error
    }
  }

  /// Refuses `--node-image` pairs naming nodes the cluster does not have.
  static func checkNodeImages(_ images: [String: String], nodes: [String]) throws(CCMError) {
    if let stray = images.keys.sorted().first(where: { !nodes.contains($0) }) {
      throw .invalidArgument(
        "--node-image \(stray)=...: the cluster has no node \(stray) (nodes: "
          + "\(nodes.isEmpty ? "none" : nodes.joined(separator: ", ")))")
    }
  }

  /// `populate -n` of a container cluster: the image must still be there.
  @discardableResult
  func populate(_ clusterName: String?, count: NodeCount) async throws -> Cluster {
    try await populate(
      ClusterRuntime.resolve(
        operations, cluster: clusterName, environment: environment, runner: runner),
      count: count)
  }

  /// `populate -n` of the cluster `runtime` already resolved.
  func populate(_ runtime: ClusterRuntime, count: NodeCount) async throws -> Cluster {
    let conf = try runtime.read().conf
    let engines = conf.engines
    if let image = conf.dockerImage {
      _ = try await ensureImage(
        image, policy: .requirePresent, on: engines, clients: runtime.engines)
    }
    var populated = try operations.populate(runtime.clusterName, count: count)
    if !engines.isEmpty {
      let placement = try EnginePlacement(engines: engines, runtime: runtime.client.kind)
      populated = try operations.modify(runtime.clusterName) {
        (cluster: inout Cluster) throws(CCMError) in
        Self.recordPlacement(placement, in: &cluster)
      }
    }
    for node in populated.nodes {
      try ImageConfigCache.install(clusterDirectory: populated.directory, node: node.name)
    }
    return try assignAddresses(runtime.clusterName)
  }

  /// `add NODE` to a container cluster: validates the node's image (its own or the cluster's)
  /// first and records the node's container settings.
  @discardableResult
  func add(
    _ spec: NodeSpec, to clusterName: String?, settings: ContainerSettings,
    engine given: EngineEndpoint? = nil
  ) async throws -> NodeConf {
    try await add(
      spec,
      to: ClusterRuntime.resolve(
        operations, cluster: clusterName, environment: environment, runner: runner),
      settings: settings, engine: given)
  }

  /// `add NODE` to the cluster `runtime` already resolved.
  func add(
    _ spec: NodeSpec, to runtime: ClusterRuntime, settings: ContainerSettings,
    engine given: EngineEndpoint?
  ) async throws -> NodeConf {
    let cluster = try runtime.read()
    let engine = try Self.engineForAddedNode(given, in: cluster)
    if let image = spec.dockerImage ?? cluster.conf.dockerImage {
      _ = try await ensureImage(
        image, policy: .requirePresent, on: engine.map { [$0] } ?? [], clients: runtime.engines)
    }
    try ImageFlagRules.check(settings.imageFlags, profile: cluster.conf.imageProfile)
    if let port = spec.binaryPort, port != CQLShell.defaultPort,
      !(spec.address.map(LoopbackPublication.isLoopback) ?? false)
    {
      // The server in the container serves 9042; only a host-published node can move its port.
      throw CCMError.invalidArgument(
        "--binary-itf port \(port): a container node serves CQL on 9042 on the cluster network; "
          + "another port needs a loopback address (127.0.X.N), which is published on the host")
    }
    _ = try operations.add(spec, to: runtime.clusterName)
    try ImageConfigCache.install(clusterDirectory: cluster.directory, node: spec.name)
    try operations.modify(runtime.clusterName) { (cluster: inout Cluster) throws(CCMError) in
      guard let index = cluster.nodes.firstIndex(where: { $0.name == spec.name }) else { return }
      cluster.nodes[index].containerSettings = settings
      if let engine { cluster.nodes[index].engine = engine }
    }
    // An address given with -i is the user's: a loopback one is published on the host (the
    // container gets the next address in the subnet); otherwise the node gets that next one.
    let loopback = spec.address.map(LoopbackPublication.isLoopback) ?? false
    let updated =
      spec.address == nil || loopback
      ? try assignAddresses(runtime.clusterName, loopbackNodes: loopback ? [spec.name] : [])
      : try runtime.load()
    return try updated.node(named: spec.name)
  }

  /// Moves nodes without an address in the cluster's subnet into it and regenerates their
  /// configuration (seeds included).
  private func assignAddresses(
    _ name: String, loopbackNodes: Set<String> = []
  ) throws(CCMError) -> Cluster {
    try operations.modify(name) { (cluster: inout Cluster) throws(CCMError) in
      cluster.conf.subnet?.assignAddresses(in: &cluster, loopbackNodes: loopbackNodes)
    }
    try operations.regenerateConfiguration(name)
    return try operations.store.load(name)
  }

  /// Creates the cluster's labelled network on a free /24 (random, retried on a clash).
  ///
  /// One left by an earlier cluster of the same name and config dir (same labels) is reused.
  /// Returns its subnet and whether it was created now.
  private func ensureNetwork(
    _ network: String, cluster: String, client: any ContainerClient
  ) async throws -> (ClusterSubnet?, Bool) {
    let labels = ContainerLabels.forCluster(cluster, configDirectory: operations.store.root)
    if try await client.networkExists(network) {
      let info = try await client.inspectNetwork(network)
      guard labels.allSatisfy({ info.labels[$0.key] == $0.value }) else {
        // Another cluster's (or someone else's) network: never suggest removing it.
        throw CCMError.container(
          "network \(network) already exists and belongs to something else; choose another"
            + " cluster name or config dir")
      }
      return (info.subnets.lazy.compactMap(ClusterSubnet.init(cidr:)).first, false)
    }
    var lastError: any Error = CCMError.container("could not create network \(network)")
    for _ in 0..<8 {
      let subnet = ClusterSubnet.random()
      do {
        try await client.createNetwork(
          NetworkSpec(name: network, subnet: subnet.cidr, labels: labels))
        return (subnet, true)
      } catch let error as ContainerError {
        if case .nameInUse = error { throw error }
        lastError = error  // most likely an overlapping subnet: try another
      }
    }
    throw lastError
  }
}
