import CCMWait

/// Waits for one line in a starting node's output by following it: one `logs --follow` child
/// for the whole wait, instead of a `logs` and an `inspect` call every interval (`LogWatch`).
///
/// Why: polling made start cost 2 engine calls per node per look; on podman each call is a
/// process that takes the engine's locks, so waits slowed every other command and one another.
/// The follower ends by itself when the container exits, which is how a crash is seen at once;
/// a server that dies in a container that keeps running (the image's supervisor outlives it) is
/// seen by the supervisor's own line (`ServerDeath`). What it read is the stream's prefix (stdout
/// and stderr through one pipe), so it lands in system.log through `LogSync.absorb`.
struct LogFollow: Sendable {
  public let node: String
  public let sync: LogSync

  init(node: String, sync: LogSync) {
    self.node = node
    self.sync = sync
  }

  private enum Outcome: Sendable {
    case found(line: String, prefix: String)
    case died(how: String, prefix: String)
    case ended(prefix: String)
    case timedOut
  }

  /// The first line matching `pattern` at or after byte `offset` of the container's output.
  ///
  /// A reused container's earlier runs are before `offset` (0 for a new container). `mark` is
  /// the same place in system.log, for the fallback.
  ///
  /// Throws `CCMError.waitTimedOut` (node, what, seconds, last log lines), `CCMError.nodeExited`
  /// (exit code, last output lines) as soon as the container exits, `CCMError.serverDied` as soon
  /// as the supervisor logs the server's unexpected exit, `CCMError.invalidArgument`
  /// for a pattern that is not a regex. The follower is killed on return, error or cancellation.
  func watch(
    for pattern: String, from mark: LogMark, streamOffset offset: Int, policy: WaitPolicy,
    describing what: String
  ) async throws -> String {
    let started = ContinuousClock.now
    do { _ = try Regex(pattern) } catch {
      throw CCMError.invalidArgument("invalid regular expression '\(pattern)': \(error)")
    }
    let (client, container) = (sync.client, sync.container)
    // The one deadline helper (as the waits and the process runner): at the deadline the
    // follower's task is cancelled, which ends its `logs --follow` child, and awaited.
    let outcome: Outcome
    do {
      outcome = try await withDeadline(policy.timeout, atDeadline: .awaitBody) {
        () async throws -> Outcome in
        let regex = try Regex(pattern)
        var prefix = ""
        var bytes = 0
        do {
          for try await line in client.followLogs(container, options: LogOptions()) {
            let start = bytes
            prefix += line + "\n"
            bytes += line.utf8.count + 1
            guard start >= offset else { continue }
            if line.contains(regex) { return .found(line: line, prefix: prefix) }
            if let how = ServerDeath.match(line) { return .died(how: how, prefix: prefix) }
          }
        } catch is CancellationError {
          throw CancellationError()
        } catch {
          // The follower failed (container removed meanwhile...): the state check below tells.
        }
        return .ended(prefix: prefix)
      }
    } catch is DeadlineExceeded {
      outcome = .timedOut
    }
    switch outcome {
    case .found(let line, let prefix):
      try absorb(prefix, offset)
      return line
    case .died(let how, let prefix):
      try absorb(prefix, offset)
      throw await diedError(how)
    case .ended(let prefix):
      try absorb(prefix, offset)
      var left = policy
      left.timeout = max(.zero, policy.timeout - (ContinuousClock.now - started))
      return try await afterFollowerEnded(pattern, from: mark, policy: left, describing: what)
    case .timedOut:
      _ = try? await sync.sync()
      throw CCMError.waitTimedOut(
        node: node, awaited: what, seconds: Int(policy.timeout.components.seconds),
        lastLogLines: sync.file.lastLines())
    }
  }

  /// The server died: `nodeExited` with the code when the container is gone with it (an image
  /// whose PID 1 ends with the server), `serverDied` when the container runs on.
  private func diedError(_ how: String) async -> CCMError {
    let lines = await sync.lastOutputLines()
    if let info = try? await sync.client.inspect([sync.container]).first,
      [.exited, .dead].contains(info.state.status)
    {
      return .nodeExited(node: node, exitCode: info.state.exitCode, lastLogLines: lines)
    }
    return .serverDied(node: node, how: how, lastLogLines: lines)
  }

  /// A prefix shorter than what system.log already has would look like a new container's
  /// output; the next sync copies it instead.
  private func absorb(_ prefix: String, _ offset: Int) throws(CCMError) {
    if prefix.utf8.count >= offset { try sync.absorb(prefix) }
  }

  /// The output ended without the line: normally the container exited (reported at once with
  /// its code); if it still runs, the engine closed the stream early and polling from `mark`
  /// takes over for the time left.
  private func afterFollowerEnded(
    _ pattern: String, from mark: LogMark, policy: WaitPolicy, describing what: String
  ) async throws -> String {
    let watch = LogWatch(node: node, sync: sync, exitHandling: .failWhenExited)
    try await watch.failIfExited()
    let lines = try await watch.watch(
      for: [pattern], from: mark, policy: policy, describing: what)
    return lines.first ?? ""
  }
}
