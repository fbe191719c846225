/// How `stop` ends a node.
public enum StopMode: Sendable, Hashable {
  /// SIGTERM, then SIGKILL when `timeout` passes (ccm's gentle stop).
  case gentle(timeout: Duration)
  /// SIGKILL at once (`--not-gently`).
  case immediate
}
