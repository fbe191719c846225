import Foundation

/// One node as `status`, `liveset` and `show` report it: the runtime's state plus what node.conf
/// recorded.
public struct NodeLiveStatus: Sendable, Hashable {
  public var name: String
  public var state: NodeRuntimeState
  public var recorded: NodeStatus
  /// The container's address on the cluster network (when running), else node.conf's.
  public var address: String?
  public var containerName: String
  public var containerID: String?
  /// The supervisor's word for the server in a running container; nil when not asked (the
  /// container is not running) or the image has no supervisor.
  public var server: ServerState?
  /// The image the node runs (its own, else the cluster's) and the version it names.
  public var image: String?
  public var version: String?

  /// The word `status` prints.
  ///
  /// ccm's words: `UP`, `DOWN`, `DOWN (Not initialized)`, `DECOMMISSIONED`, and `PAUSED` for a
  /// frozen container (ccm has no pause). A running container whose server is not running is
  /// `DOWN (server EXITED)` (or STOPPED, FATAL), or `STARTING (server BACKOFF)` while the
  /// supervisor (re)spawns it.
  public var word: String {
    if recorded == .decommissioned { return NodeStatus.decommissioned.rawValue }
    switch state {
    case .running:
      guard let server, server != .running else { return NodeStatus.up.rawValue }
      return server.isDown
        ? "DOWN (server \(server.rawValue))" : "STARTING (server \(server.rawValue))"
    case .paused: return "PAUSED"
    case .exited: return NodeStatus.down.rawValue
    case .absent: return recorded == .uninitialized ? recorded.displayText : "DOWN"
    case .other(let word): return "DOWN (\(word))"
    }
  }

  /// Counted by `liveset`: running and not frozen.
  ///
  /// A server supervisord still calls STARTING (its first seconds, though it may already answer CQL) counts, as `status` says UP for it:
  /// a harness reads `liveset` right after `start --wait-for-binary-proto`.
  public var isLive: Bool {
    state.isRunning && recorded != .decommissioned
      && (server == nil || server == .running || server == .starting)
  }

  /// The exit code of a stopped container.
  public var exitCode: Int32? {
    if case .exited(let code) = state { return code }
    return nil
  }
}

/// The whole cluster's state from one engine call, plus the image check for `-v`.
public struct ClusterLiveStatus: Sendable {
  public var nodes: [NodeLiveStatus]
  public var image: String?
  /// The id recorded at create.
  public var imageID: String?
  /// The registry digest recorded at create, if the image came from a registry.
  public var imageDigest: String?
  /// Set when the tag now names another image (only when asked to check).
  public var imageWarning: String?
}

/// Whether `status` also checks the image tag (one more engine call).
public enum ImageTagCheck: Sendable, Hashable {
  case skip
  case check
}

extension ContainerLifecycle {
  /// Every node's state in one `inspect` call for the whole cluster.
  public func status(imageCheck: ImageTagCheck = .skip) async throws -> ClusterLiveStatus {
    let cluster = try runtime.read()
    var infos = try await containers(of: cluster)
    let servers = await serverStates(of: cluster, infos)
    // A running container whose supervisor did not answer may have just ended (an image whose
    // init exits with its server): look again at those alone rather than call it UP.
    let unanswered = cluster.nodes.filter {
      infos[$0.name]?.state.status == .running && servers[$0.name] == nil
    }
    if !unanswered.isEmpty {
      let again = try await inspect(unanswered, in: cluster)
      for node in unanswered { infos[node.name] = again[node.name] }
    }
    let nodes = cluster.nodes.map { node -> NodeLiveStatus in
      let backend = runtime.backend(node, in: cluster)
      let info = infos[node.name]
      let state = NodeRuntimeState(info, network: cluster.conf.clusterNetwork)
      var address = node.networkAddress
      if case .running(let live?) = state { address = live }
      return NodeLiveStatus(
        name: node.name, state: state, recorded: node.status, address: address,
        containerName: backend.containerName, containerID: info?.id ?? node.dockerID,
        server: servers[node.name], image: cluster.image(of: node),
        version: cluster.version(of: node))
    }
    var report = ClusterLiveStatus(
      nodes: nodes, image: cluster.conf.dockerImage, imageID: cluster.conf.dockerImageID,
      imageDigest: cluster.conf.dockerImageDigest)
    if imageCheck == .check, let image = cluster.conf.dockerImage {
      report.imageWarning = ImageCheck.drift(
        recorded: cluster.conf.dockerImageID,
        current: try? await runtime.engines.client(for: cluster.conf.engines.first)
          .inspectImage(image))
    }
    return report
  }

  /// The server's state in every running container, asked of all at once (one exec each).
  func serverStates(
    of cluster: Cluster, _ infos: [String: ContainerInfo]
  ) async -> [String: ServerState] {
    let running = cluster.nodes.filter { infos[$0.name]?.state.status == .running }
    // A local engine's containers are this kernel's processes: a server seen running there
    // needs no exec (see `LocalServerProbe`); only the others are asked. Each node's engine
    // decides (a unix socket is this machine's; an ssh or tcp engine is another kernel).
    let environment = ProcessInfo.processInfo.environment
    // An image with a supervisor always has an answer: one that did not come (the container
    // just started, the exec failed) is not taken as the container's word, UP.
    let supervised = ImageProfile.supervisorMount(cluster: cluster.directory) != nil
    return await withTaskGroup(of: (String, ServerState?).self) { group in
      for node in running {
        let backend = runtime.backend(node, in: cluster)
        let local = AIOBudget.engineIsLocal(backend.client, environment: environment)
        let pid = local ? infos[backend.nodeName]?.state.pid ?? 0 : 0
        group.addTask {
          if let seen = LocalServerProbe.state(initPID: pid) { return (backend.nodeName, seen) }
          let asked = await backend.serverState()
          return (backend.nodeName, asked ?? (supervised ? .starting : nil))
        }
      }
      return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
    }
  }
}
