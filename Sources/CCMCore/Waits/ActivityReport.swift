/// What a long operation is doing now, said to whoever shows progress.
///
/// "node3: waiting for a CQL handshake". A task-local hook (child tasks inherit it), so the node lifecycle needs no
/// progress parameter, and tests and scripts without one hear nothing.
public enum ActivityReport {
  public typealias Listener = @Sendable (String) -> Void

  @TaskLocal public static var listener: Listener?

  /// Tells the listener, if any.
  static func say(_ activity: String) { listener?(activity) }
}
