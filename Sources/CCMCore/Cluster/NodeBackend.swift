/// How `stop` ends a node.
public enum StopMode: Sendable, Hashable {
  /// SIGTERM, then SIGKILL when `timeout` passes (ccm's gentle stop).
  case gentle(timeout: Duration)
  /// SIGKILL at once (`--not-gently`).
  case immediate
}

/// A node's state as the runtime sees it (one `inspect` answer, no state file involved).
public enum NodeRuntimeState: Sendable, Hashable {
  /// No container: never started, or removed.
  case absent
  case running(address: String?)
  case paused
  case exited(code: Int32)
  /// created, restarting, removing, unknown words.
  case other(String)

  init(_ info: ContainerInfo?, network: String?) {
    guard let info else {
      self = .absent
      return
    }
    switch info.state.status {
    case .running: self = .running(address: network.flatMap { info.ipAddress(on: $0) })
    case .paused: self = .paused
    case .exited, .dead: self = .exited(code: info.state.exitCode)
    case .created: self = .other("created")
    case .restarting: self = .other("restarting")
    case .removing: self = .other("removing")
    case .unknown(let word): self = .other(word)
    }
  }

  /// Whether the node counts as up (paused nodes are up but frozen).
  public var isRunning: Bool {
    if case .running = self { return true }
    return false
  }
}

/// One node's process, whatever runs it: the operations every node command is built from.
///
/// `ContainerNodeBackend` runs nodes as containers; a local-process backend can come later
/// without touching the commands.
public protocol NodeBackend: Sendable {
  var nodeName: String { get }
  /// `<cluster dir>/<node>` on the host.
  var nodeDirectory: String { get }
  /// The node's system.log on the host.
  var logFile: NodeLogFile { get }

  func state() async throws -> NodeRuntimeState
  /// Runs a command inside the node (nodetool, cqlsh...); a non-zero exit is a result.
  func exec(_ request: ExecRequest) async throws -> ExecResult
  /// Brings system.log up to date (on demand: no follower outlives ccmsh).
  func syncLog() async throws
  func stop(_ mode: StopMode) async throws
  /// Sends `signal` to the server process (not to the container's init).
  func kill(_ signal: ContainerSignal) async throws
  func pause() async throws
  func resume() async throws
  /// Removes the node's process and container; absent is fine.
  func destroy() async throws
}
