import CCMWait
import Foundation

/// What `start` does about nodes whose container already runs: a server the supervisor calls
/// STARTING, BACKOFF or STOPPING is not up (nor down) yet, so start waits until it is one or the
/// other before it decides; and `--wait-for-binary-proto` holds for every node it names, so a
/// node start did not launch is probed for CQL like one it did.
extension ContainerLifecycle {
  /// `servers` with every transient state of `nodes` resolved: asked again until the
  /// supervisor says RUNNING or down, within `policy`.
  ///
  /// Why: a server in BACKOFF or STARTING counted as up was skipped without a probe, and
  /// `--wait-for-binary-proto` returned at once while CQL was refused.
  func settled(
    _ servers: [String: ServerState], of nodes: [NodeConf], in cluster: Cluster,
    _ infos: [String: ContainerInfo], policy: WaitPolicy
  ) async throws -> [String: ServerState] {
    var servers = servers
    let transient = { nodes.filter { servers[$0.name]?.isTransient == true } }
    guard !transient().isEmpty else { return servers }
    do {
      try await Wait.until(
        "the supervisor's word on the server", policy: WaitPolicy(timeout: policy.timeout)
      ) {
        let waiting = transient()
        if waiting.isEmpty { return .done(()) }
        let asked = await serverStates(
          of: cluster,
          infos.filter { entry in
            waiting.contains { $0.name == entry.key }
          })
        servers.merge(asked) { _, new in new }
        let still = transient()
        if still.isEmpty { return .done(()) }
        return .pending(
          reason: still.map { "\($0.name): \(servers[$0.name]?.rawValue ?? "?")" }
            .joined(separator: ", "))
      }
    } catch let timeout as WaitTimeout {
      let node = transient().first?.name ?? "node"
      throw CCMError.waitTimedOut(
        timeout, node: node, awaited: "the server RUNNING or down (supervisorctl status)",
        log: runtime.backend(try cluster.node(named: node), in: cluster).logFile)
    }
    return servers
  }

  /// With `--wait-for-binary-proto`: waits until `node` (running, not launched by this start)
  /// answers CQL, probed as a node start launched would be.
  func confirmServing(
    _ node: NodeConf, in cluster: Cluster, _ infos: [String: ContainerInfo],
    _ options: StartOptions
  ) async throws {
    let backend = runtime.backend(node, in: cluster)
    // As for a launched node: a TLS listener takes no plain OPTIONS, and a node a partition cuts
    // off cannot be reached (its log is all there is).
    let isolated =
      (try? PartitionRecord.load(clusterDirectory: cluster.directory)?.isolates(node.name)) == true
    guard options.readiness == .binaryProtocol, !isolated,
      !Self.encryptsClients(nodeDirectory: backend.nodeDirectory),
      let address = cluster.conf.clusterNetwork.flatMap({ infos[node.name]?.ipAddress(on: $0) })
    else { return }
    let policy = WaitPolicy(timeout: options.timeout ?? cluster.conf.startTimeout)
    let port = Self.cqlPort(of: node, nodeDirectory: backend.nodeDirectory)
    if let published = node.publishedCQL {
      try await confirmCQL(
        node.name, backend: backend, address: published.host, port: published.port,
        site: .host, policy: policy, inside: Endpoint(host: address, port: port))
      return
    }
    try await confirmCQL(
      node.name, backend: backend, address: address, port: port,
      site: Self.probeSite(for: address, engine: node.engine), policy: policy)
  }
}
