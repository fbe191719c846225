import CCMWait

/// What a log watch does when the node's container is not running.
public enum ExitHandling: Sendable, Hashable {
  /// Fail at once with the exit code and the last log lines (a node that is starting).
  case failWhenExited
  /// Keep waiting until the deadline (a node expected to stop, or watched from outside).
  case keepWaiting
}

/// scylla-ccm's `watch_log_for`: waits until every pattern has matched a line written after a
/// mark, syncing the log from the container before each look.
struct LogWatch: Sendable {
  public let node: String
  public let sync: LogSync
  /// Asked for the container's state only when a look finds nothing (one engine call).
  public let exitHandling: ExitHandling

  init(node: String, sync: LogSync, exitHandling: ExitHandling = .failWhenExited) {
    self.node = node
    self.sync = sync
    self.exitHandling = exitHandling
  }

  /// The first matching line for each pattern, in pattern order.
  ///
  /// Throws `CCMError.waitTimedOut` (node, patterns, seconds, last log lines) or
  /// `CCMError.nodeExited`, and `CCMError.invalidArgument` for a pattern that is not a regex.
  func watch(
    for patterns: [String], from mark: LogMark, policy: WaitPolicy,
    describing awaited: String? = nil
  ) async throws -> [String] {
    let regexes = try patterns.map { pattern in
      do { return try Regex(pattern) } catch {
        throw CCMError.invalidArgument("invalid regular expression '\(pattern)': \(error)")
      }
    }
    let what = awaited ?? patterns.map { "'\($0)'" }.joined(separator: " and ")
    do {
      return try await Wait.until("\(node): \(what)", policy: policy) {
        try await sync.sync()
        let lines = sync.file.text(from: mark).split(separator: "\n")
        let found = regexes.map { regex in lines.first { $0.contains(regex) } }
        if found.allSatisfy({ $0 != nil }) {
          return .done(found.compactMap { $0.map(String.init) })
        }
        if exitHandling == .failWhenExited,
          let how = lines.lazy.compactMap({ ServerDeath.match(String($0)) }).first
        {
          try await failIfExited()
          throw CCMError.serverDied(
            node: node, how: how, lastLogLines: await sync.lastOutputLines())
        }
        try await failIfExited()
        return .pending(reason: "not in system.log yet")
      }
    } catch let timeout as WaitTimeout {
      throw CCMError.waitTimedOut(
        node: node, awaited: what, seconds: Int(timeout.waited.components.seconds),
        lastLogLines: sync.file.lastLines())
    }
  }

  /// Throws `nodeExited` (or `nodeState` when the container is gone) unless it runs.
  func failIfExited() async throws {
    guard exitHandling == .failWhenExited else { return }
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
