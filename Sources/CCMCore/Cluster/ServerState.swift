/// The server's state inside a running container, as the image's supervisor reports it
/// (`supervisorctl status scylla`): a running container may hold a dead, exited or respawning
/// ScyllaDB.
public enum ServerState: String, Sendable, Hashable {
  case running = "RUNNING"
  case starting = "STARTING"
  case backoff = "BACKOFF"
  case stopping = "STOPPING"
  case stopped = "STOPPED"
  case exited = "EXITED"
  case fatal = "FATAL"

  /// supervisord's line `scylla   RUNNING   pid 42, uptime 0:00:05`; nil for anything else
  /// (no supervisorctl, another program's answer).
  init?(statusLine text: String) {
    guard
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("scylla ") }),
      let word = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first,
      let state = ServerState(rawValue: String(word))
    else { return nil }
    self = state
  }

  /// Down for good until something starts it (respawn is off for ccmsh's nodes).
  public var isDown: Bool { [.stopped, .exited, .fatal].contains(self) }

  /// Coming up or being respawned: not up yet.
  var isTransient: Bool { [.starting, .backoff, .stopping].contains(self) }
}

extension ContainerNodeBackend {
  static let supervisorTimeout: Duration = .seconds(10)

  /// The server's state in this (running) container; nil when the image has no supervisor to
  /// ask (it then lives and dies with the container) or the exec itself failed.
  func serverState() async -> ServerState? {
    let result = try? await client.exec(
      containerName,
      ExecRequest(["supervisorctl", "status", "scylla"], timeout: Self.supervisorTimeout))
    guard let result else { return nil }
    if let state = ServerState(statusLine: result.standardOutput) { return state }
    // supervisorctl is there but supervisord is not up yet (the entrypoint is still setting
    // up): the server is not running yet, whatever the container says.
    if result.standardOutput.contains("refused connection") { return .starting }
    return nil
  }

  /// `supervisorctl stop scylla` in the running container; whether it worked is read back
  /// from `serverState()` by the caller.
  func stopServer() async {
    _ = try? await client.exec(
      containerName,
      ExecRequest(["supervisorctl", "stop", "scylla"], timeout: Self.supervisorTimeout))
  }

  /// `supervisorctl start scylla` in the running container (the server exited, the container
  /// did not); true when the supervisor said it started.
  func startServer() async throws -> Bool {
    let result = try await client.exec(
      containerName,
      ExecRequest(["supervisorctl", "start", "scylla"], timeout: .seconds(60)))
    return result.exitCode == 0 || result.standardOutput.contains("already started")
  }
}
