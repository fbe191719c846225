import CCMWait

/// What a log wait does when the node's container is not running.
public enum ExitHandling: Sendable, Hashable {
  /// Fail at once with the exit code and the last log lines (a node that is starting).
  case failWhenExited
  /// Keep waiting until the deadline (a node expected to stop, or watched from outside).
  case keepWaiting
}

/// `NodeLog.waitFor`'s polling strategy (scylla-ccm's `watch_log_for`): sync the log from the
/// container, look after the mark, sleep, look again, on the one wait engine.
struct LogPoll: Sendable {
  let node: String
  let sync: LogSync
  /// Asked for the container's state only when a look finds nothing (one engine call).
  let exitHandling: ExitHandling

  /// The lines `match` found.
  ///
  /// Throws `WaitTimeout` (converted by `NodeLog`), `CCMError.nodeExited` or
  /// `CCMError.serverDied` with `.failWhenExited`. Each look runs under the time that remains,
  /// so a hung `logs` call cannot stretch the wait past its deadline.
  func watch(_ match: LogMatch, from mark: LogMark, policy: WaitPolicy) async throws -> [String] {
    let (node, sync, exitHandling) = (node, sync, exitHandling)
    return try await Wait.bounded("\(node): \(match.awaited)", policy: policy) {
      try await sync.sync()
      let lines = sync.file.text(from: mark).split(separator: "\n")
      if let found = match.find(lines, sync.file) { return .done(found) }
      guard exitHandling == .failWhenExited else {
        return .pending(reason: "not in system.log yet")
      }
      if let how = lines.lazy.compactMap({ ServerDeath.match(String($0)) }).first {
        try await Self.failIfExited(node, sync)
        throw CCMError.serverDied(
          node: node, how: how, lastLogLines: await sync.lastOutputLines())
      }
      try await Self.failIfExited(node, sync)
      return .pending(reason: "not in system.log yet")
    }
  }

  /// Throws `nodeExited` (or `nodeState` when the container is gone) unless it runs.
  static func failIfExited(_ node: String, _ sync: LogSync) async throws {
    guard let info = try await sync.client.inspect([sync.container]).first else {
      throw CCMError.nodeState(node: node, problem: "its container \(sync.container) is gone")
    }
    switch info.state.status {
    case .exited, .dead:
      throw CCMError.nodeExited(
        node: node, exitCode: info.state.exitCode, lastLogLines: await sync.lastOutputLines())
    default: return
    }
  }
}
