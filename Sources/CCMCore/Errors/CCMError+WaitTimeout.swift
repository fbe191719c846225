import CCMWait

extension CCMError {
  /// The one place a wait's `WaitTimeout` becomes the user's error: which node, what it waited
  /// for, how long, and the last lines of `log` (the node's own, or the one that was to notice it).
  ///
  /// Why one place: the message ("node2: no ready line after 120 s…") is what a failed start
  /// shows; every wait of a node reads the same.
  static func waitTimedOut(
    _ timeout: WaitTimeout, node: String, awaited: String, log: NodeLogFile
  ) -> CCMError {
    .waitTimedOut(
      node: node, awaited: awaited, seconds: Int(timeout.waited.components.seconds),
      lastLogLines: log.lastLines())
  }
}
