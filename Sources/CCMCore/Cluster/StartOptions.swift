/// In what order `start` launches nodes.
public enum StartOrder: Sendable, Hashable {
  /// One after the other, each gated on the previous one's ready line (ccm's default).
  case sequential
  /// The first seed, then all the others at once; waits for all.
  case parallel
}

/// What `start` waits for after launching a node.
public enum Readiness: Sendable, Hashable {
  /// Nothing (`--no-wait`): the container runs, that is all.
  case launched
  /// The ready line: the CQL line for the node's own port (or `node is now in normal status`).
  case readyLine
  /// `--wait-for-binary-proto`: the CQL line for the node's own port after the start mark AND a
  /// CQL handshake with it (from the host when its address is on a local bridge, else from
  /// inside the node).
  case binaryProtocol
}

/// Whether `start` waits until the other running nodes log the new one as UP.
public enum OtherNotice: Sendable, Hashable {
  case skip
  case wait
}

/// Everything `start` takes, typed.
public struct StartOptions: Sendable, Hashable {
  var order: StartOrder
  var readiness: Readiness
  var otherNotice: OtherNotice
  /// Per wait; nil takes the cluster's `start_timeout` (default 420 s, as ccm).
  var timeout: Duration?

  public init(
    order: StartOrder = .sequential, readiness: Readiness = .readyLine,
    otherNotice: OtherNotice = .skip, timeout: Duration? = nil
  ) {
    self.order = order
    self.readiness = readiness
    self.otherNotice = otherNotice
    self.timeout = timeout
  }
}

/// The log lines start waits for.
enum ReadyLines {
  static let binaryProtocol = "Starting listening for CQL clients"

  /// The CQL line for `port` (`... CQL clients on 10.1.2.3:9042 (unencrypted, ...)`): a node
  /// logs one per CQL port (9042 and the shard-aware 19042), and a node whose
  /// native_transport_port was changed must be awaited on that one.
  static func binaryProtocol(port: Int) -> String {
    binaryProtocol + " on [^ ]*:\(port)([^0-9]|$)"
  }

  /// ccm's gate between sequential starts, on the node's own CQL port.
  static func gate(port: Int) -> String {
    "node is now in normal status|" + binaryProtocol(port: port)
  }

  /// `<ip>.* now UP`, what another node logs when it sees `address` (ccm's watch_log_for_alive).
  static func noticed(_ address: String) -> String {
    address.replacingOccurrences(of: ".", with: "\\.") + "[^0-9].* now UP"
  }

  /// `<ip>.* now UP|DOWN`: any state change another node logs for `address`.
  static func stateChange(_ address: String) -> String {
    address.replacingOccurrences(of: ".", with: "\\.") + "[^0-9].* now (UP|DOWN)"
  }
}
