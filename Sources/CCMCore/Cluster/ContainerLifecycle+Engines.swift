/// The calls that concern the whole cluster, made once per engine: one node's calls go to its
/// own engine through its backend, and these group the nodes by engine.
extension ContainerLifecycle {
  /// The containers of `nodes` keyed by node name: one `inspect` per engine, all at once.
  func inspect(_ nodes: [NodeConf], in cluster: Cluster) async throws -> [String: ContainerInfo] {
    let groups = EngineClients.grouped(nodes) { $0.engine }
    let asked = groups.map { group in
      (
        client: runtime.engines.client(for: group.engine),
        names: group.items.map {
          (node: $0.name, container: runtime.backend($0, in: cluster).containerName)
        }
      )
    }
    return try await withThrowingTaskGroup(of: [String: ContainerInfo].self) { tasks in
      for (client, names) in asked {
        tasks.addTask {
          let infos = try await client.inspect(names.map(\.container))
          var byNode: [String: ContainerInfo] = [:]
          for (node, container) in names {
            byNode[node] = infos.first { $0.name == container || $0.name == "/" + container }
          }
          return byNode
        }
      }
      return try await tasks.reduce(into: [:]) { $0.merge($1) { first, _ in first } }
    }
  }

  /// Removes the cluster's containers from every engine it uses: those node.conf names and
  /// those carrying the cluster's labels (one started by an interrupted command is found too).
  func removeContainers(of cluster: Cluster) async throws {
    let labels = runtime.labels
    let named = EngineClients.grouped(cluster.nodes) { $0.engine }.map { group in
      (group.engine, group.items.map { runtime.backend($0, in: cluster).containerName })
    }
    var work: [(client: any ContainerClient, names: [String])] = []
    for engine in runtime.allEngines(of: cluster) {
      let names = named.first { $0.0 == engine }?.1 ?? []
      work.append((runtime.engines.client(for: engine), names))
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for (client, known) in work {
        group.addTask {
          var names = Set(known)
          for summary in try await client.list(labels: labels) { names.insert(summary.name) }
          try await withThrowingTaskGroup(of: Void.self) { removals in
            for name in names {
              removals.addTask {
                do {
                  try await client.remove(name, mode: .force, volumes: .remove)
                } catch ContainerError.containerNotFound {}
              }
            }
            try await removals.waitForAll()
          }
        }
      }
      try await group.waitForAll()
    }
  }

  /// Removes the cluster's network and what ccmsh made of a Swarm.
  ///
  /// The overlay and the Swarm go through `SwarmNetwork.remove`; a one-engine cluster's bridge
  /// goes from its engine. Gone already is fine.
  func removeNetwork(of cluster: Cluster) async throws {
    guard let network = cluster.conf.clusterNetwork else { return }
    if let setup = cluster.conf.swarmSetup {
      let members = try cluster.conf.engines.map { engine in
        guard let client = runtime.engines.dockerClient(for: engine) else {
          throw CCMError.container("engine \(engine) of cluster \(cluster.name) is not docker's")
        }
        return SwarmMember(client: client)
      }
      try await SwarmNetwork.remove(
        setup, members: members, overlay: NetworkSpec(name: network, labels: runtime.labels))
      return
    }
    do {
      try await runtime.engines.client(for: cluster.conf.engines.first).removeNetwork(network)
    } catch ContainerError.networkNotFound {}
  }
}
