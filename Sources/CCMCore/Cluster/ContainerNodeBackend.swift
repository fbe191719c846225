import CCMWait

/// A node run as a container: every operation is one `ContainerClient` call on the node's
/// container (named in node.conf's `docker_name`).
///
/// The one node backend: the node tools and the life-cycle take it directly. A protocol over it
/// comes back with a second backend (local processes), shaped by what that one needs.
public struct ContainerNodeBackend: Sendable {
  public let client: any ContainerClient
  public let nodeName: String
  let nodeDirectory: String
  public let containerName: String
  /// The cluster's network (`cluster_network`), where the node's address lives.
  let network: String?

  init(
    client: any ContainerClient, nodeName: String, nodeDirectory: String, containerName: String,
    network: String?
  ) {
    self.client = client
    self.nodeName = nodeName
    self.nodeDirectory = nodeDirectory
    self.containerName = containerName
    self.network = network
  }

  public var logFile: NodeLogFile { NodeLogFile(nodeDirectory: nodeDirectory) }

  var logSync: LogSync {
    LogSync(client: client, container: containerName, file: logFile)
  }

  public func state() async throws -> NodeRuntimeState {
    NodeRuntimeState(try await client.inspect([containerName]).first, network: network)
  }

  func exec(_ request: ExecRequest) async throws -> ExecResult {
    try await client.exec(containerName, request)
  }

  func syncLog() async throws { try await logSync.sync() }

  /// scylla-ccm's `mark_log()`, after a sync so earlier output is before the mark.
  public func markLog() async throws -> LogMark {
    try await syncLog()
    return logFile.mark()
  }

  /// The node's log to wait on (`NodeLog.waitFor`, scylla-ccm's `watch_log_for`).
  public var log: NodeLog { NodeLog(node: nodeName, sync: logSync) }

  func stop(_ mode: StopMode) async throws {
    switch mode {
    case .gentle(let timeout): try await client.stop(containerName, timeout: timeout)
    case .immediate: try await client.kill(containerName, signal: .kill)
    }
  }

  /// Sends `signal` to the server.
  ///
  /// Like scylla-ccm, the signal goes to the server (`supervisorctl pid scylla`), so the real
  /// image's supervisord survives a SIGHUP meant for scylla; without supervisorctl it goes to the
  /// container's init. For a signal that ends the server, returns once it is down: respawn is
  /// off for ccmsh's nodes (`SupervisorProgram`), so it stays down until `start`.
  func kill(_ signal: ContainerSignal) async throws {
    switch try await state() {
    case .running: break
    case .paused:
      throw CCMError.nodeState(node: nodeName, problem: "is paused (resume it first)")
    default:
      throw CCMError.nodeState(node: nodeName, problem: "is not running (start it)")
    }
    // The container runs on with a dead server (the supervisor outlives it): the same answer
    // for every signal. Without this a second KILL found no server pid and signalled the
    // container's init instead, ending the container without a word.
    if let server = await serverState(), server.isDown {
      throw CCMError.nodeState(node: nodeName, problem: "is not running (start it)")
    }
    let script =
      "pid=$(supervisorctl pid scylla 2>/dev/null) && [ \"$pid\" -gt 0 ] 2>/dev/null"
      + " && kill -\(signal.rawValue) \"$pid\""
    let result = try? await client.exec(
      containerName, ExecRequest(["sh", "-c", script], timeout: .seconds(10)))
    if result?.exitCode != 0 {
      do {
        try await client.kill(containerName, signal: signal)
      } catch let error as ContainerError {
        // It ended between the check and the kill: down is what was asked.
        if try await state().isRunning { throw error }
      }
    }
    guard Self.endsTheServer(signal) else { return }
    var held = false
    try await Wait.until(
      "\(nodeName): server down after SIG\(signal.rawValue)",
      policy: WaitPolicy(timeout: .seconds(60), interval: .milliseconds(100))
    ) {
      guard try await state().isRunning else { return .done(()) }
      guard let server = await serverState() else {
        return .pending(reason: "the server is still running")
      }
      if server.isDown { return .done(()) }
      if !held, server == .starting || server == .backoff {
        // Killed before supervisord's startsecs, the server counts as a failed start and is
        // respawned even with autorestart=false: stop the program so the node stays down.
        held = true
        await stopServer()
      }
      return .pending(reason: "the server is still running (\(server.rawValue))")
    }
  }

  /// Signals whose default action ends the process and that ScyllaDB does not handle otherwise
  /// (it reloads on HUP; STOP freezes, CONT thaws, USR1/USR2 are its own).
  static func endsTheServer(_ signal: ContainerSignal) -> Bool {
    [.kill, .terminate, .interrupt, .quit].contains(signal)
  }

  func pause() async throws { try await client.pause(containerName) }
  func resume() async throws { try await client.unpause(containerName) }

  func destroy() async throws {
    do {
      try await client.remove(containerName, mode: .force, volumes: .remove)
    } catch ContainerError.containerNotFound {
      return
    }
  }
}
