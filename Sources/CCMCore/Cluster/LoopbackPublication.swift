import Foundation

/// Loopback addresses for container nodes, as local ccm has them (`create -i 127.0.X.`).
///
/// A local ccm node listens on its own 127.0.X.N, and driver harnesses connect there. A
/// container bridge cannot carry 127/8, so the node keeps a fixed address on the cluster network
/// for node-to-node traffic (partition, pause and kill act there) and the engine publishes its
/// CQL ports on the loopback address: Linux routes all of 127/8 to `lo`, and both engines
/// publish on a host address (docker-proxy, or conmon for Podman, holds the host port).
/// scylla.yaml's `broadcast_rpc_address` makes `system.local` and `system.peers` give clients the
/// same 127.0.X.N.
enum LoopbackPublication {
  /// The shard-aware CQL port, published beside the node's CQL port.
  static let shardAwarePort = 19042

  /// Whether `address` is an IPv4 loopback address (127/8).
  static func isLoopback(_ address: String) -> Bool {
    var parsed = in_addr()
    guard inet_pton(AF_INET, address, &parsed) == 1 else { return false }
    return address.hasPrefix("127.")
  }

  /// The publications of `node`'s CQL ports; empty for a node without a loopback address.
  ///
  /// node.conf's binary address and port (what a harness may have rewritten) go to the port the
  /// server listens on in its container; the shard-aware port is published beside it.
  static func ports(of node: NodeConf, containerCQLPort: Int) -> [PortPublication] {
    guard let binary = node.publishedCQL else { return [] }
    return [
      PortPublication(
        hostAddress: binary.host, hostPort: binary.port, containerPort: containerCQLPort),
      PortPublication(
        hostAddress: binary.host, hostPort: shardAwarePort, containerPort: shardAwarePort),
    ]
  }

  /// Refuses to go on when a host port a node would publish at is taken.
  ///
  /// Another cluster with the same prefix runs, or anything else listens there: said before
  /// any container exists.
  /// `nodes` pairs each node's name with its binary (CQL) endpoint on the host.
  static func ensureFree(
    _ nodes: [(name: String, binary: Endpoint)], cluster: String
  ) throws(CCMError) {
    for (name, binary) in nodes {
      for port in [binary.port, shardAwarePort] where !isFree(binary.host, port: port) {
        throw .nodeState(
          node: name,
          problem:
            "cannot publish CQL at \(binary.host):\(port): something on this host already "
            + "listens there (another running cluster with the same address prefix?); stop "
            + "it, or give '\(cluster)' another prefix (-i 127.0.X.)")
      }
    }
  }

  /// Whether a listener could bind `address:port` now.
  ///
  /// SO_REUSEADDR so that connections in
  /// TIME_WAIT from an earlier node do not count; a listener (docker-proxy, conmon, a local
  /// server, one on 0.0.0.0) still does.
  static func isFree(_ address: String, port: Int) -> Bool {
    var socketAddress = sockaddr_in()
    socketAddress.sin_family = sa_family_t(AF_INET)
    socketAddress.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
    guard inet_pton(AF_INET, address, &socketAddress.sin_addr) == 1 else { return false }
    #if canImport(Glibc)
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var one: Int32 = 1
    _ = setsockopt(
      descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    let bound = withUnsafePointer(to: &socketAddress) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    return bound == 0
  }
}

extension ClusterConf {
  /// Whether the cluster's nodes take loopback addresses published on the host.
  ///
  /// Its prefix or format (`-i`, `-I`, `--id N`, `populate -i`) gives 127/8 addresses. ccm's default block
  /// (`id: 0`, no prefix) does not: those nodes keep cluster-network addresses only, so clusters
  /// created without an address option never clash on the host.
  public var publishesLoopback: Bool {
    guard ipPrefix != nil || ipFormat != nil else { return false }
    return LoopbackPublication.isLoopback(address(forNodeIndex: 1))
  }
}
