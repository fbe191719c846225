import CCMWait
import Foundation

/// The life-cycle operations of a container cluster (start, stop, kill, pause, resume, restart,
/// decommission, clear, node remove, remove), each over the nodes' backends.
///
/// State rule: the runtime is the truth for whether a node runs (`status` asks it in one call);
/// node.conf records what ccmsh did (`status`, `docker_id`, the address the container got), so
/// scylla-ccm reads a sensible file too.
public struct ContainerLifecycle: Sendable {
  let runtime: ClusterRuntime

  init(runtime: ClusterRuntime) { self.runtime = runtime }

  var client: any ContainerClient { runtime.client }

  /// Every node's container, in one engine call per engine, keyed by node name.
  func containers(of cluster: Cluster) async throws -> [String: ContainerInfo] {
    try await inspect(cluster.nodes, in: cluster)
  }

  /// The named nodes (all when nil), in cluster order; `nodeNotFound` for an unknown name.
  func targets(_ names: [String]?, in cluster: Cluster) throws(CCMError) -> [NodeConf] {
    guard let names else { return cluster.nodes }
    for name in names { _ = try cluster.node(named: name) }
    return cluster.nodes.filter { names.contains($0.name) }
  }

  /// Records `status` for `nodes` in node.conf.
  func record(_ status: NodeStatus, for nodes: [String]) throws(CCMError) {
    guard !nodes.isEmpty else { return }
    try runtime.modify {
      (cluster: inout Cluster) throws(CCMError) in
      for index in cluster.nodes.indices where nodes.contains(cluster.nodes[index].name) {
        cluster.nodes[index].status = status
      }
    }
  }

  // MARK: stop, kill, pause, resume

  /// Stops the named nodes (all when nil) at once.
  ///
  /// Paused ones are resumed first (an engine cannot stop a frozen process gently). Nodes without a container are left as they are.
  public func stop(_ names: [String]?, mode: StopMode) async throws {
    let cluster = try runtime.read()
    let nodes = try targets(names, in: cluster)
    let infos = try await containers(of: cluster)
    let present = nodes.filter { infos[$0.name] != nil }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for node in present {
        let backend = runtime.backend(node, in: cluster)
        let paused = infos[node.name]?.state.status == .paused
        group.addTask {
          if paused { try await backend.resume() }
          try await backend.stop(mode)
        }
      }
      try await group.waitForAll()
    }
    try record(.down, for: present.map(\.name))
  }

  /// Sends `signal` to one node's server; for a signal that ends it, returns once it is down
  /// and records it DOWN (it stays down until `start`).
  public func kill(_ name: String, signal: ContainerSignal) async throws {
    let backend = try runtime.node(name)
    try await backend.kill(signal)
    guard ContainerNodeBackend.endsTheServer(signal) else { return }
    try record(.down, for: [name])
  }

  /// Freezes one node (the engine's pause: the process is stopped, its sockets stay open).
  public func pause(_ name: String) async throws {
    let backend = try runtime.node(name)
    switch try await backend.state() {
    case .running: break
    case .paused: throw CCMError.nodeState(node: name, problem: "is already paused")
    default: throw CCMError.nodeState(node: name, problem: "cannot pause: it is not running")
    }
    try await backend.pause()
  }

  /// Thaws a paused node.
  public func resume(_ name: String) async throws {
    let backend = try runtime.node(name)
    guard try await backend.state() == .paused else {
      throw CCMError.nodeState(node: name, problem: "cannot resume: it is not paused")
    }
    try await backend.resume()
  }

  /// Gentle stop, then start with `options`.
  public func restart(
    _ names: [String]?, stopTimeout: Duration, options: StartOptions
  ) async throws {
    try await stop(names, mode: .gentle(timeout: stopTimeout))
    try await start(names, options: options)
  }

  /// `nodetool decommission` inside the node, then DECOMMISSIONED in node.conf.
  public func decommission(_ name: String) async throws {
    let cluster = try runtime.read()
    let node = try cluster.node(named: name)
    guard node.status != .decommissioned else {
      throw CCMError.nodeState(node: name, problem: "is already decommissioned")
    }
    let backend = runtime.backend(node, in: cluster)
    switch try await backend.state() {
    case .running: break
    case .paused: throw CCMError.nodeState(node: name, problem: "is paused (resume it first)")
    default: throw CCMError.nodeState(node: name, problem: "is not running (start it)")
    }
    let result = try await backend.exec(
      ExecRequest(["nodetool", "decommission"], timeout: .seconds(3600)))
    guard result.exitCode == 0 else {
      let output =
        (result.standardError + result.standardOutput)
        .split(separator: "\n").last.map(String.init) ?? ""
      throw CCMError.nodeState(
        node: name, problem: "nodetool decommission failed (exit \(result.exitCode)): \(output)")
    }
    try record(.decommissioned, for: [name])
  }

  // MARK: clear and remove

  /// Kills the nodes' servers and empties their data (and logs with `.dataAndLogs`); containers
  /// and configuration stay, so the next start reuses them.
  func clear(_ name: String?, scope: ClearScope) async throws {
    let cluster = try runtime.read()
    let nodes = try targets(name.map { [$0] }, in: cluster)
    // Cleared nodes start afresh: no fault touching them outlives the clear.
    let faults = runtime.linkFaults(of: cluster)
    for node in nodes { try await faults.forget(node.name) }
    let infos = try await containers(of: cluster)
    for node in nodes where infos[node.name].map({ $0.state.status != .exited }) ?? false {
      let backend = runtime.backend(node, in: cluster)
      if infos[node.name]?.state.status == .paused { try await backend.resume() }
      try await backend.stop(.immediate)
    }
    try await repairOwnership(of: cluster, nodes: nodes)
    // The container keeps its log: what system.log had copied stays copied, so the emptied logs
    // do not get the old lines back at the next sync.
    var baselines: [String: LogSync.Progress] = [:]
    if scope == .dataAndLogs {
      for node in nodes where infos[node.name] != nil {
        baselines[node.name] = try await runtime.backend(node, in: cluster).logSync.baseline()
      }
    }
    // A node on its own engine keeps its data in its container's volume there: the container
    // goes with the volume, and the next start makes a fresh one.
    for node in nodes where node.engine != nil && infos[node.name] != nil {
      try await runtime.backend(node, in: cluster).destroy()
    }
    try runtime.operations.clear(runtime.clusterName, node: name, scope: scope)
    for node in nodes {
      try runtime.backend(node, in: cluster).logSync.restore(baselines[node.name])
    }
    try record(.down, for: nodes.filter { infos[$0.name] != nil }.map(\.name))
  }

  /// Removes one node: its container, then its state (`NODE remove`; only that node).
  func removeNode(_ name: String) async throws {
    let cluster = try runtime.read()
    let node = try cluster.node(named: name)
    // The other nodes' rules towards it go first: its address may be given to a new node.
    try await runtime.linkFaults(of: cluster).forget(name)
    try await runtime.backend(node, in: cluster).destroy()
    try await repairOwnership(of: cluster, nodes: [node])
    try runtime.operations.removeNode(name, from: runtime.clusterName)
  }

  /// Removes the cluster: its containers, its network, then its directory.
  ///
  /// Containers are found by node.conf name and by label, so one started by an interrupted
  /// command is found too. Containers or a network
  /// already gone are fine, so `remove` completes after an earlier partial failure; a container
  /// that cannot be removed keeps the directory (the state to retry from).
  func removeCluster() async throws {
    let cluster = try runtime.read()
    await TransientSweep.sweep(client)
    try await removeContainers(of: cluster)
    try await removeNetwork(of: cluster)
    try await repairOwnership(of: cluster, nodes: cluster.nodes)
    try runtime.operations.remove(runtime.clusterName)
  }

  /// Gives the files containers wrote under `nodes` back to the invoking user.
  ///
  /// See `OwnershipRepair`; nodes that never had a container are skipped. A failed repair is not
  /// fatal here: deleting then fails on the files it could not fix, and says so.
  func repairOwnership(of cluster: Cluster, nodes: [NodeConf]) async throws {
    guard cluster.conf.dockerImage != nil else { return }
    // A node on its own engine never had the controlling host's directories mounted.
    let touched = nodes.filter {
      $0.engine == nil && ($0.dockerID != nil || $0.status != .uninitialized)
    }
    // Each with its own image: the cluster's may be gone after a rolling upgrade.
    let byImage = Dictionary(grouping: touched) { cluster.image(of: $0) ?? "" }
    for (image, group) in byImage.sorted(by: { $0.key < $1.key }) where !image.isEmpty {
      try? await OwnershipRepair.run(
        on: group.map { cluster.nodeDirectory($0.name) }, image: image, client: client)
    }
  }
}
