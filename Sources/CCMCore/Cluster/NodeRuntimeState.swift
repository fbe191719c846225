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
