import CCMWait
import Foundation

/// start: launch containers (reusing a stopped one whose run arguments did not change), record
/// each node's address, and wait as `StartOptions` says, every wait under one deadline policy.
extension ContainerLifecycle {
  /// Starts the named nodes (all when nil) that are not running; returns the nodes started.
  ///
  /// A paused node is resumed (as `stop` resumes one before stopping it) and, with
  /// `--wait-for-binary-proto`, awaited until it answers CQL: after `start` every node runs, so
  /// a paused one left paused would be a success for work not done.
  @discardableResult
  public func start(_ names: [String]?, options: StartOptions) async throws -> [String] {
    var cluster = try runtime.read()
    let infos = try await containers(of: cluster)
    let targeted = try startable(names, in: cluster)
    let resumed = try await resumePaused(
      targeted.filter { infos[$0.name]?.state.status == .paused }, in: cluster, infos, options)
    var servers = await serverStates(of: cluster, infos)
    if options.readiness != .launched {
      servers = try await settled(
        servers, of: targeted, in: cluster, infos,
        policy: WaitPolicy(timeout: options.timeout ?? cluster.conf.startTimeout))
    }
    let pending = targeted.filter { node in
      guard let status = infos[node.name]?.state.status else { return true }
      // A running container whose server exited (killed, crashed) gets its server started.
      if status == .running { return servers[node.name]?.isDown ?? false }
      return status != .paused
    }
    // `--wait-for-binary-proto` holds for every node named, not only those launched now.
    let serving = targeted.filter { node in
      infos[node.name]?.state.status == .running && !pending.contains { $0.name == node.name }
    }
    for node in serving { try await confirmServing(node, in: cluster, infos, options) }
    guard !pending.isEmpty else { return resumed }
    cluster = try await prepareLaunch(of: pending, in: cluster, infos)
    var addresses: [String: String] = [:]
    for node in cluster.nodes {
      if let info = infos[node.name], info.state.status == .running,
        let address = cluster.conf.clusterNetwork.flatMap({ info.ipAddress(on: $0) })
      {
        addresses[node.name] = address
      }
    }
    // Test nodes start in milliseconds: look often.
    let policy = WaitPolicy(
      timeout: options.timeout ?? cluster.conf.startTimeout, interval: .milliseconds(50))
    let marked = cluster.nodes.filter { node in
      addresses[node.name] != nil || pending.contains { $0.name == node.name }
    }
    let marks = try await self.marks(
      of: marked.map { runtime.backend($0, in: cluster) }, existing: Set(infos.keys))
    let existing = infos

    switch options.order {
    case .sequential:
      for node in pending {
        let launched = try await launch(
          node, in: cluster, seeds: seeds(for: node, in: cluster, addresses), existing: existing)
        addresses[node.name] = launched.address
        try await awaitReady(node, in: cluster, launched, from: marks, options, policy)
      }
    case .parallel:
      // Without fixed addresses the first seed goes first so the others can be given its
      // address as --seeds.
      var rest = pending[...]
      var launchedFirst: (name: String, launched: Launched)?
      if cluster.conf.subnet == nil, let first = rest.first,
        cluster.conf.seedNames.contains(first.name)
      {
        let launched = try await launch(
          first, in: cluster, seeds: seeds(for: first, in: cluster, addresses), existing: existing)
        addresses[first.name] = launched.address
        launchedFirst = (first.name, launched)
        rest = rest.dropFirst()
      }
      // Each node is launched and awaited in its own task, so early nodes' waits overlap the
      // later launches. Each task gets the prepared snapshot (launches record only their own
      // node's id and address, which no other node's launch reads).
      let (known, startMarks, snapshot, prepared) = (addresses, marks, existing, cluster)
      let queued = try rest.map {
        (try prepared.node(named: $0.name), seeds(for: $0, in: prepared, known))
      }
      try await withThrowingTaskGroup(of: Void.self) { group in
        for (node, nodeSeeds) in queued {
          group.addTask {
            let launched = try await launch(
              node, in: prepared, seeds: nodeSeeds, existing: snapshot)
            try await awaitReady(node, in: prepared, launched, from: startMarks, options, policy)
          }
        }
        if let first = launchedFirst {
          let node = try prepared.node(named: first.name)
          group.addTask {
            try await awaitReady(
              node, in: prepared, first.launched, from: startMarks, options, policy)
          }
        }
        try await group.waitForAll()
      }
    }
    // Addresses the engine chose are now in node.conf; fixed ones were in scylla.yaml already.
    if cluster.conf.subnet == nil {
      try runtime.operations.regenerateConfiguration(runtime.clusterName)
    }
    return resumed + pending.map(\.name)
  }

  /// Resumes `nodes` (paused); returns their names.
  ///
  /// With `--wait-for-binary-proto`, waits until each answers CQL again.
  private func resumePaused(
    _ nodes: [NodeConf], in cluster: Cluster, _ infos: [String: ContainerInfo],
    _ options: StartOptions
  ) async throws -> [String] {
    for node in nodes {
      try await runtime.backend(node, in: cluster).resume()
      try await confirmServing(node, in: cluster, infos, options)
    }
    return nodes.map(\.name)
  }

  /// Each node's log mark, all at once: a sync and a size for a node with a container (names in
  /// `existing`), just the size otherwise (no output to copy, no engine call).
  func marks(
    of backends: [ContainerNodeBackend], existing: Set<String>
  ) async throws -> [String: LogMark] {
    try await withThrowingTaskGroup(of: (String, LogMark).self) { group in
      for backend in backends {
        let hasContainer = existing.contains(backend.nodeName)
        group.addTask {
          (backend.nodeName, hasContainer ? try await backend.markLog() : backend.logFile.mark())
        }
      }
      return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
    }
  }

  /// Seed addresses for `node`'s `--seeds`: with fixed addresses ccm's rule (the seeds up to
  /// and including the node, as in its scylla.yaml); otherwise the other seeds' current
  /// addresses, else their last recorded ones.
  func seeds(for node: NodeConf, in cluster: Cluster, _ addresses: [String: String]) -> [String] {
    if cluster.conf.subnet != nil { return cluster.seedAddresses(for: node) }
    return cluster.conf.seedNames.filter { $0 != node.name }.compactMap { seed in
      if let address = addresses[seed] { return address }
      guard let recorded = cluster.nodes.first(where: { $0.name == seed })?.storage?.host,
        !recorded.hasPrefix("127.")
      else { return nil }
      return recorded
    }
  }

  /// A node just launched: its address (nil when the engine chose one it did not say) and where
  /// this run's output starts in the container's stream (a reused container keeps its earlier
  /// runs' output, which the start mark already copied).
  struct Launched: Sendable {
    var address: String?
    var streamOffset: Int
    /// Cut off by a partition: the host and the peers cannot reach it, so only its log is
    /// awaited.
    var isolated = false
  }

  /// Runs (or restarts) one node's container and records its id, status and address.
  func launch(
    _ node: NodeConf, in cluster: Cluster, seeds: [String], existing: [String: ContainerInfo]
  ) async throws -> Launched {
    let backend = runtime.backend(node, in: cluster)
    let client = backend.client
    ActivityReport.say("\(node.name): starting its container")
    // A node on its own engine gets its files by copy, not by bind mount (`NodeShipping`).
    let shipped = node.engine != nil
    var spec = NodeContainerSpec.build(
      node: node, of: cluster, containerName: backend.containerName, seeds: seeds,
      configDirectory: runtime.operations.store.root,
      caller: shipped ? .root : .current(engine: client.kind))
    if shipped { spec = NodeShipping.spec(spec) }
    let ship = {
      try await NodeShipping.ship(
        nodeDirectory: backend.nodeDirectory, clusterDirectory: cluster.directory,
        container: backend.containerName, client: client)
    }
    var containerID: String
    var streamOffset = 0
    // A partition holds across a start: reconnecting is `heal`'s job.
    let network = spec.network?.network
    let isolated =
      try network != nil
      && PartitionRecord.load(clusterDirectory: cluster.directory)?.isolates(node.name) == true
    // A new container, on a network re-created if it was removed behind ccmsh's back.
    let runNew = { () async throws -> String in
      if shipped {
        let id = try await NodeShipping.create(
          spec, profile: cluster.conf.imageProfile, client: client)
        if isolated, let network {
          try await client.disconnect(backend.containerName, from: network)
        }
        try await ship()
        try await client.start(backend.containerName)
        return id
      }
      let id = try await restoringNetwork(of: cluster, removing: backend) {
        try await client.run(spec)
      }
      // `run` cannot create a container off its network; cut it off before Scylla's first
      // gossip round (milliseconds after its start, seconds before gossip).
      if isolated, let network {
        try await client.disconnect(backend.containerName, from: network)
      }
      return id
    }
    switch ContainerReuse(existing: existing[node.name], spec: spec) {
    case .startServer:
      // Only the server is down (see `start`): the supervisor brings it back.
      streamOffset = backend.logSync.copiedBytes()
      guard try await backend.startServer() else {
        throw CCMError.nodeState(
          node: node.name, problem: "the supervisor could not start the server again")
      }
      containerID = existing[node.name]?.id ?? ""
    case .startContainer:
      if isolated, let network, existing[node.name]?.networks[network] != nil {
        try await client.disconnect(backend.containerName, from: network)
      }
      if shipped { try await ship() }
      do {
        try await client.start(backend.containerName)
        streamOffset = backend.logSync.copiedBytes()
        containerID = existing[node.name]?.id ?? ""
      } catch ContainerError.networkNotFound where !shipped {
        // Attached to a network that is gone (an engine may know it only by its id): the
        // network is made again and the container run anew from the same spec.
        try await backend.destroy()
        containerID = try await runNew()
      }
    case .create, .recreate:
      // A running container (its server died) goes too: its PID 1 holds the old spec.
      if existing[node.name] != nil { try await backend.destroy() }
      containerID = try await runNew()
    }
    // A fixed address is known; otherwise ask the engine which one it gave.
    var address = spec.network?.ipv4Address
    if address == nil {
      let info = try await client.inspect(backend.containerName)
      address = cluster.conf.clusterNetwork.flatMap { info.ipAddress(on: $0) }
      containerID = info.id
    }
    // A new namespace (a fresh or restarted container) has none of the faults leaving it.
    try await runtime.linkFaults(of: cluster, address: address.map { (node.name, $0) })
      .reapply(to: node.name)
    try runtime.modify {
      (cluster: inout Cluster) throws(CCMError) in
      guard let index = cluster.nodes.firstIndex(where: { $0.name == node.name }) else { return }
      cluster.nodes[index].dockerID = containerID
      cluster.nodes[index].status = .up
      // A loopback node's interfaces are its published address (node.conf keeps them).
      if let address, cluster.nodes[index].containerAddress == nil {
        cluster.nodes[index].storage = cluster.nodes[index].storage.map {
          Endpoint(host: address, port: $0.port)
        }
        cluster.nodes[index].binary = cluster.nodes[index].binary.map {
          Endpoint(host: address, port: $0.port)
        }
      }
    }
    return Launched(address: address, streamOffset: streamOffset, isolated: isolated)
  }

  /// The waits `options` asks for, for one launched node.
  ///
  /// The log waits go through `NodeLog.waitFor`; knowing where the mark lies in the container's
  /// output (`launched.streamOffset`), it follows that output (one `logs --follow` each).
  func awaitReady(
    _ node: NodeConf, in cluster: Cluster, _ launched: Launched, from marks: [String: LogMark],
    _ options: StartOptions, _ policy: WaitPolicy
  ) async throws {
    let backend = runtime.backend(node, in: cluster)
    let address = launched.address
    let mark = marks[node.name] ?? .start
    let port = Self.cqlPort(of: node, nodeDirectory: backend.nodeDirectory)
    switch options.readiness {
    case .launched:
      break
    case .readyLine:
      ActivityReport.say("\(node.name): waiting for its ready line (CQL on port \(port))")
      _ = try await backend.log.waitFor(
        .line(ReadyLines.gate(port: port), describing: "ready line (CQL on port \(port))"),
        after: mark, streamOffset: launched.streamOffset, policy: policy)
    case .binaryProtocol:
      ActivityReport.say("\(node.name): waiting for the binary protocol (CQL on port \(port))")
      _ = try await backend.log.waitFor(
        .line(
          ReadyLines.binaryProtocol(port: port),
          describing: "'\(ReadyLines.binaryProtocol) on …:\(port)' line"),
        after: mark, streamOffset: launched.streamOffset, policy: policy)
      // A TLS listener (`create --ssl`) takes no plain OPTIONS: its log line is the answer.
      let plainCQL = !Self.encryptsClients(nodeDirectory: backend.nodeDirectory)
      if plainCQL && !launched.isolated {
        ActivityReport.say("\(node.name): waiting for a CQL handshake")
      }
      if let published = node.publishedCQL, !launched.isolated, plainCQL {
        // Loopback is always the host's own: the probe goes where the harness will connect.
        try await confirmCQL(
          node.name, backend: backend, address: published.host, port: published.port,
          site: .host, policy: policy,
          inside: address.map { Endpoint(host: $0, port: port) })
      } else if let address, !launched.isolated, plainCQL {
        try await confirmCQL(
          node.name, backend: backend, address: address, port: port,
          site: Self.probeSite(for: address, engine: node.engine), policy: policy)
      }
    }
    guard options.otherNotice == .wait, let address, !launched.isolated else { return }
    let others = cluster.nodes.filter { $0.name != node.name && marks[$0.name] != nil }
    for other in others {
      let otherBackend = runtime.backend(other, in: cluster)
      guard try await otherBackend.state().isRunning else { continue }
      ActivityReport.say("\(node.name): waiting for \(other.name) to see it UP")
      try await awaitNotice(
        of: node.name, at: address, by: otherBackend, from: marks[other.name] ?? .start,
        policy: WaitPolicy(timeout: min(policy.timeout, WaitPolicy.otherNotice.timeout)))
    }
  }

  /// Waits until `observer`'s log after `mark` shows it noticed `node` up at `address`.
  ///
  /// The rule is `LogMatch.noticedUp`. The observer's exit does not end the wait: it is not this
  /// node's failure.
  func awaitNotice(
    of node: String, at address: String, by observer: ContainerNodeBackend, from mark: LogMark,
    policy: WaitPolicy
  ) async throws {
    _ = try await observer.log.waitFor(
      .noticedUp(address, node: node), after: mark, policy: policy, onExit: .keepWaiting)
  }
}
