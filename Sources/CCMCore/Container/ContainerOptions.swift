import Foundation

/// A signal for `kill`, by the name both engines accept.
public enum ContainerSignal: String, Sendable, Hashable, CaseIterable {
  case hangup = "HUP"
  case interrupt = "INT"
  case quit = "QUIT"
  case kill = "KILL"
  case user1 = "USR1"
  case user2 = "USR2"
  case terminate = "TERM"
  case stop = "STOP"
  case `continue` = "CONT"
}

/// Whether `remove` may remove a running container (killing it first).
public enum RemovalMode: Sendable, Hashable {
  case onlyIfStopped
  case force
}

/// What happens to a container's anonymous volumes on `remove`.
///
/// Bind mounts are never touched.
public enum VolumeRemoval: Sendable, Hashable {
  case keep
  case remove
}

/// Which part of the log `logs` returns.
public struct LogOptions: Sendable, Hashable {
  /// Only the last N lines.
  public var tail: Int?
  /// Only lines written at or after this time.
  var since: Date?

  init(tail: Int? = nil, since: Date? = nil) {
    self.tail = tail
    self.since = since
  }
}

/// A container's log as captured by the engine.
public struct ContainerLogs: Sendable, Hashable {
  /// The container's stdout AND stderr, in the engine's order (read through one pipe).
  var standardOutput: String
  /// Empty from the engine clients (kept for callers that build logs by hand).
  var standardError: String

  public init(standardOutput: String, standardError: String) {
    self.standardOutput = standardOutput
    self.standardError = standardError
  }

  /// Non-empty lines.
  public var lines: [String] {
    standardOutput.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
  }
}

/// Deadlines for engine calls, by kind of call.
///
/// Every call has one.
public struct ContainerTimeouts: Sendable, Hashable {
  /// inspect, ps, pause, network calls...
  var quick: Duration
  /// run, start, rm -f, cp, network rm (may wait on the engine's locks and on the container's
  /// init).
  var lifecycle: Duration
  /// image pull from a registry.
  var pull: Duration
  /// "does this engine answer?" probes during runtime selection.
  var probe: Duration
  /// `logs --follow`: the longest a follower may run before it is stopped.
  var follow: Duration

  public init(
    quick: Duration = .seconds(30), lifecycle: Duration = .seconds(120),
    pull: Duration = .seconds(900), probe: Duration = .seconds(3), follow: Duration = .seconds(3600)
  ) {
    self.quick = quick
    self.lifecycle = lifecycle
    self.pull = pull
    self.probe = probe
    self.follow = follow
  }
}
