import CCMWait

/// A node's log as something to wait on: the one way ccmsh awaits a log line (`watchlog`, start's
/// ready line, another node noticing a started one).
///
/// It picks how to look, on the one wait engine either way:
/// - **follow** the container's output (one `logs --follow` child, `LogFollow`) when a single
///   line decides, the node is starting (`.failWhenExited`) and the caller knows where the mark
///   lies in that output (`streamOffset`, which a launch records);
/// - **poll** system.log otherwise (sync, look after the mark, sleep: `LogPoll`), and for the
///   time left when the followed output ended while the container still runs.
public struct NodeLog: Sendable {
  let node: String
  let sync: LogSync

  init(node: String, sync: LogSync) {
    self.node = node
    self.sync = sync
  }

  /// Waits until `match` holds for the lines written after `mark`; returns the lines it found.
  ///
  /// Lines before `mark` never match (except where the rule itself looks back,
  /// `LogMatch.noticedUp`). With `.failWhenExited` the node's container exiting ends the wait at
  /// once with `CCMError.nodeExited` (exit code, last output lines), and its server dying in a
  /// running container with `CCMError.serverDied`. At the deadline: `CCMError.waitTimedOut`
  /// (node, what, seconds, last log lines), within a short grace whatever the engine does.
  public func waitFor(
    _ match: LogMatch, after mark: LogMark, streamOffset: Int? = nil, policy: WaitPolicy,
    onExit: ExitHandling = .failWhenExited
  ) async throws -> [String] {
    let started = ContinuousClock.now
    let poll = LogPoll(node: node, sync: sync, exitHandling: onExit)
    do {
      guard let streamOffset, onExit == .failWhenExited, let pattern = match.linePattern else {
        return try await poll.watch(match, from: mark, policy: policy)
      }
      let follow = LogFollow(node: node, sync: sync)
      switch try await follow.watch(
        for: pattern, streamOffset: streamOffset, policy: policy,
        subject: "\(node): \(match.awaited)")
      {
      case .found(let line):
        return [line]
      case .ended:
        // Normally the container exited (reported at once with its code); if it still runs,
        // the engine closed the stream early and polling from `mark` takes over.
        try await LogPoll.failIfExited(node, sync)
        var left = policy
        left.timeout = max(.zero, policy.timeout - (ContinuousClock.now - started))
        return try await poll.watch(match, from: mark, policy: left)
      }
    } catch var timeout as WaitTimeout {
      // A fallback poll waited only the time left: the error tells the time the caller gave.
      timeout.waited = max(timeout.waited, policy.timeout)
      throw CCMError.waitTimedOut(timeout, node: node, awaited: match.awaited, log: sync.file)
    }
  }
}
