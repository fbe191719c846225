import CCMWait

/// `NodeLog.waitFor`'s following strategy, for a starting node: one `logs --follow` child for the
/// whole wait, instead of a `logs` and an `inspect` call every interval (`LogPoll`).
///
/// Why: polling made start cost 2 engine calls per node per look; on podman each call is a
/// process that takes the engine's locks, so waits slowed every other command and one another.
/// The follower ends by itself when the container exits, which is how a crash is seen at once;
/// a server that dies in a container that keeps running (the image's supervisor outlives it) is
/// seen by the supervisor's own line (`ServerDeath`). What it read is the stream's prefix (stdout
/// and stderr through one pipe), so it lands in system.log through `LogSync.absorb`.
struct LogFollow: Sendable {
  let node: String
  let sync: LogSync

  /// How the follow ended, when it did not throw.
  enum Ending: Sendable, Equatable {
    /// The first matching line.
    case found(String)
    /// The output ended without the line (the container exited, or the engine closed the
    /// stream early); what it read is in system.log.
    case ended
  }

  private enum Outcome: Sendable {
    case found(line: String, prefix: String)
    case died(how: String, prefix: String)
    case ended(prefix: String)
  }

  /// How long the closing sync may take after a timeout (it fills the error's last lines).
  static let closingGrace: Duration = .seconds(1)

  /// Follows the container's output from byte `offset` (a reused container's earlier runs are
  /// before it; 0 for a new container) until a line matches `pattern`.
  ///
  /// Throws `WaitTimeout` at the deadline (converted by `NodeLog`), `CCMError.serverDied` as soon
  /// as the supervisor logs the server's unexpected exit (`nodeExited` when the container went
  /// with it). The follower is killed on return, error or cancellation.
  func watch(
    for pattern: String, streamOffset offset: Int, policy: WaitPolicy, subject: String
  ) async throws -> Ending {
    let (client, container) = (sync.client, sync.container)
    // The one deadline helper: at the deadline the follower's task is cancelled, which ends its
    // `logs --follow` child, and awaited.
    let outcome: Outcome
    do {
      outcome = try await withDeadline(policy.timeout, atDeadline: .awaitBody) {
        () async throws -> Outcome in
        let regex = try LogMatch.compile(pattern)
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
          // The follower failed (container removed meanwhile...): the caller's state check tells.
        }
        return .ended(prefix: prefix)
      }
    } catch is DeadlineExceeded {
      // A silent engine must not hold the error: the sync gets a short grace, then is left.
      let sync = sync
      _ = try? await withDeadline(Self.closingGrace) { try await sync.sync() }
      throw WaitTimeout(
        subject: subject, waited: policy.timeout, tries: 1,
        lastObservation: "no matching line in the followed output")
    }
    switch outcome {
    case .found(let line, let prefix):
      try absorb(prefix, offset)
      return .found(line)
    case .died(let how, let prefix):
      try absorb(prefix, offset)
      throw await diedError(how)
    case .ended(let prefix):
      try absorb(prefix, offset)
      return .ended
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
}
