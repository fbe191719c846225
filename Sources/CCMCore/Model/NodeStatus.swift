/// A node's life-cycle state as scylla-ccm records it in node.conf (`status:`).
public enum NodeStatus: String, Sendable, CaseIterable {
  case uninitialized = "UNINITIALIZED"
  case up = "UP"
  case down = "DOWN"
  case decommissioned = "DECOMMISSIONED"

  /// The word `ccm status` prints (`DOWN (Not initialized)` for a never-started node).
  public var displayText: String {
    self == .uninitialized ? "DOWN (Not initialized)" : rawValue
  }

  /// Whether `liveset` counts the node.
  public var isLive: Bool { self == .up }
}
