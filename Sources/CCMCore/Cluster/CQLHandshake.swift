import Foundation

/// A CQL v4 handshake from the host: OPTIONS sent, SUPPORTED expected (the second half of
/// `--wait-for-binary-proto` when the node's address is on a local bridge).
///
/// Why not a bare TCP connect: a gateway or a port forwarder can accept a connection for a
/// node that is not listening; only a CQL server answers OPTIONS with SUPPORTED.
enum CQLHandshake {
  /// OPTIONS, protocol v4: version 0x04, flags 0, stream 0, opcode 0x05, body length 0.
  static let optionsFrame: [UInt8] = [0x04, 0, 0, 0, 0x05, 0, 0, 0, 0]
  /// A response header: version 0x84 (response, v4), opcode 0x06 = SUPPORTED.
  static func isSupported(_ header: [UInt8]) -> Bool {
    header.count >= 9 && header[0] == 0x84 && header[4] == 0x06
  }

  /// How one handshake went.
  enum Outcome: Sendable, Hashable {
    /// SUPPORTED came back: a CQL server.
    case supported
    /// The connection was accepted, then closed without a word: something listens that does
    /// not speak CQL (or not yet); only a probe inside the node can tell more.
    case closedWithoutAnswer
    /// Refused, unreachable, silent within the timeout, or a frame that is not SUPPORTED.
    case failed
  }

  /// One handshake, every step bounded by `timeout`; false on any failure.
  static func answers(host: String, port: Int, timeout: Duration = .seconds(1)) -> Bool {
    attempt(host: host, port: port, timeout: timeout) == .supported
  }

  /// One handshake, every step bounded by `timeout`.
  static func attempt(
    host: String, port: Int, timeout: Duration = .seconds(1)
  ) -> Outcome {
    outcome(host: host, port: port, timeout: timeout)
  }

  private static func outcome(host: String, port: Int, timeout: Duration) -> Outcome {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return .failed }
    #if canImport(Glibc)
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { return .failed }
    defer { close(descriptor) }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    let milliseconds =
      Int32(timeout.components.seconds * 1000)
      + Int32(timeout.components.attoseconds / 1_000_000_000_000_000)
    let started = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    if started != 0 {
      guard errno == EINPROGRESS, wait(descriptor, for: Int16(POLLOUT), milliseconds) else {
        return .failed
      }
      var error: Int32 = 0
      var length = socklen_t(MemoryLayout<Int32>.size)
      getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
      guard error == 0 else { return afterConnect(error) }
    }
    // MSG_NOSIGNAL: a peer that already closed must not raise SIGPIPE in ccmsh.
    let sent = optionsFrame.withUnsafeBytes {
      send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
    }
    guard sent == optionsFrame.count else { return afterConnect(errno) }
    var header: [UInt8] = []
    let deadline = ContinuousClock.now + timeout
    while header.count < 9, ContinuousClock.now < deadline {
      guard wait(descriptor, for: Int16(POLLIN), milliseconds) else { return .failed }
      var buffer = [UInt8](repeating: 0, count: 9 - header.count)
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      guard count > 0 else {
        guard header.isEmpty else { return .failed }
        return count == 0 ? .closedWithoutAnswer : afterConnect(errno)
      }
      header += buffer.prefix(count)
    }
    return isSupported(header) ? .supported : .failed
  }

  /// What an error after the connect started means.
  ///
  /// A reset of an established connection
  /// (ECONNRESET; EPIPE once that error was read) is a listener that accepted and closed with
  /// our frame unread: something listens that is not a CQL server, not the same as no listener
  /// (a refused SYN is ECONNREFUSED). Where the reset shows depends on when it arrives: in
  /// SO_ERROR after the connect, in `send`, or in `recv`; all three read it the same way.
  static func afterConnect(_ error: Int32) -> Outcome {
    error == ECONNRESET || error == EPIPE ? .closedWithoutAnswer : .failed
  }

  /// Whether `descriptor` became ready within `milliseconds`.
  ///
  /// An error or a hang-up counts as
  /// ready (poll reports them whatever was asked): the next call on the socket names it.
  private static func wait(_ descriptor: Int32, for events: Int16, _ milliseconds: Int32) -> Bool {
    var poller = pollfd(fd: descriptor, events: events, revents: 0)
    let ready = events | Int16(POLLERR) | Int16(POLLHUP)
    return poll(&poller, 1, milliseconds) == 1 && poller.revents & ready != 0
  }
}

/// The network rule for probes from the host: only an address on a local bridge is probed.
///
/// A local bridge is one of this host's own IPv4 interfaces' subnets. A rootless Podman network
/// lives in its own namespace, a remote engine's on another machine: their container addresses
/// are not on a local interface, and a packet to them would leave the machine or hang.
enum LocalBridge {
  static func contains(_ address: String) -> Bool {
    var target = in_addr()
    guard inet_pton(AF_INET, address, &target) == 1 else { return false }
    var list: UnsafeMutablePointer<ifaddrs>?
    guard getifaddrs(&list) == 0 else { return false }
    defer { freeifaddrs(list) }
    var cursor = list
    while let entry = cursor {
      defer { cursor = entry.pointee.ifa_next }
      guard let raw = entry.pointee.ifa_addr, raw.pointee.sa_family == sa_family_t(AF_INET),
        let rawMask = entry.pointee.ifa_netmask
      else { continue }
      let own = raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
      let mask = rawMask.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
        $0.pointee.sin_addr
      }
      if own.s_addr & mask.s_addr == target.s_addr & mask.s_addr, mask.s_addr != 0 {
        return true
      }
    }
    return false
  }
}
