import Foundation
import Testing

@testable import CCMCore

/// What a start waits for: the CQL line for the node's own port, the supervisor's death lines,
/// a CQL handshake (against a tiny loopback server) and where it may run from.
@Suite struct ReadinessTests {
  @Test func theCQLLineIsTheOneForTheNodesOwnPort() throws {
    let line9042 =
      "INFO  2026-12-02 18:00:01,000 [shard 0:main] cql_server_controller - Starting listening"
      + " for CQL clients on 10.1.2.3:9042 (unencrypted, non-shard-aware)"
    let line19042 = line9042.replacingOccurrences(of: ":9042 (", with: ":19042 (")
    let oldImage = "storage_service - Starting listening for CQL clients on 10.1.2.3:9043"
    let pattern9042 = try Regex(ReadyLines.binaryProtocol(port: 9042))
    let pattern9043 = try Regex(ReadyLines.binaryProtocol(port: 9043))
    #expect(line9042.contains(pattern9042))
    #expect(!line19042.contains(pattern9042))
    #expect(!line9042.contains(pattern9043))
    #expect(oldImage.contains(pattern9043))
    #expect(!oldImage.contains(pattern9042))
    #expect(line9042.contains(try Regex(ReadyLines.gate(port: 9042))))
    #expect(!line9042.contains(try Regex(ReadyLines.gate(port: 9043))))
  }

  @Test func supervisorLinesThatMeanTheServerDied() {
    let at = "2026-12-02 18:00:00,123 INFO "
    #expect(
      ServerDeath.match(at + "exited: scylla (exit status 1; not expected)")
        == "exit status 1; not expected")
    #expect(
      ServerDeath.match(at + "exited: scylla (terminated by SIGKILL; not expected)")
        == "terminated by SIGKILL; not expected")
    #expect(
      ServerDeath.match(
        at + "gave up: scylla entered FATAL state, too many start retries too quickly") != nil)
    #expect(ServerDeath.match(at + "exited: scylla (exit status 0; expected)") == nil)
    #expect(ServerDeath.match(at + "stopped: scylla (exit status 0)") == nil)
    #expect(
      ServerDeath.match(at + "exited: scylla-housekeeping (exit status 1; not expected)") == nil)
  }

  @Test func theHandshakeWantsSupported() async throws {
    let supported: [UInt8] = [0x84, 0, 0, 0, 0x06, 0, 0, 0, 0]
    let server = try LoopbackServer { request in
      request == CQLHandshake.optionsFrame ? supported : nil
    }
    defer { server.close() }
    #expect(CQLHandshake.answers(host: "127.0.0.1", port: server.port))
    #expect(server.requests.first == CQLHandshake.optionsFrame)
  }

  @Test func aListenerThatIsNotCQLFailsTheHandshakeWithinItsTimeout() async throws {
    // Accepts and never answers, as a port forwarder or gateway can.
    let silent = try LoopbackServer { _ in nil }
    defer { silent.close() }
    let clock = ContinuousClock()
    let started = clock.now
    #expect(
      !CQLHandshake.answers(host: "127.0.0.1", port: silent.port, timeout: .milliseconds(300)))
    #expect(clock.now - started < .seconds(3))
    // Answers, but not SUPPORTED (an ERROR frame).
    let other = try LoopbackServer { _ in [0x84, 0, 0, 0, 0x00, 0, 0, 0, 0] }
    defer { other.close() }
    #expect(!CQLHandshake.answers(host: "127.0.0.1", port: other.port))
    // Accepts and closes without a word (the old test node image's `nc -e /bin/true`).
    let closing = try LoopbackServer { _ in [] }
    defer { closing.close() }
    #expect(CQLHandshake.attempt(host: "127.0.0.1", port: closing.port) == .closedWithoutAnswer)
    // Accepts and resets (the client's frame arrives unread): a listener, not a CQL server.
    // The reset races the client: it shows after the connect, at the send or at the read,
    // whichever comes after it; many attempts cover all three.
    let resetting = try LoopbackServer(resetOnAccept: true) { _ in nil }
    defer { resetting.close() }
    let outcomes = (0..<100).map { _ in
      CQLHandshake.attempt(host: "127.0.0.1", port: resetting.port)
    }
    #expect(outcomes.allSatisfy { $0 == .closedWithoutAnswer }, "\(Set(outcomes))")
    // Nothing listening.
    let closed = try LoopbackServer { _ in nil }
    let port = closed.port
    closed.close()
    #expect(!CQLHandshake.answers(host: "127.0.0.1", port: port))
  }

  @Test func aResetAfterTheConnectIsAListenerWhereverItShows() {
    #expect(CQLHandshake.afterConnect(ECONNRESET) == .closedWithoutAnswer)
    #expect(CQLHandshake.afterConnect(EPIPE) == .closedWithoutAnswer)
    #expect(CQLHandshake.afterConnect(ECONNREFUSED) == .failed)
    #expect(CQLHandshake.afterConnect(ETIMEDOUT) == .failed)
  }

  @Test func onlyAddressesOnALocalBridgeAreProbedFromTheHost() {
    #expect(LocalBridge.contains("127.0.0.1"))
    // TEST-NET-3: on no interface of a test machine.
    #expect(!LocalBridge.contains("203.0.113.77"))
    #expect(ContainerLifecycle.probeSite(for: "203.0.113.77") == .insideNode)
    #expect(!LocalBridge.contains("not an address"))
  }
}

/// A TCP server on 127.0.0.1 (an ephemeral port) answering each connection's first 9 bytes with
/// `answer`'s bytes (nil: say nothing and keep the connection open; empty: close it).
///
/// Only the accept thread closes the listening descriptor, and `close` waits for that thread to
/// end: a descriptor number closed under a running accept loop can be reused at once by another
/// test's server, and the loop would then answer that server's clients.
final class LoopbackServer: @unchecked Sendable {
  let port: Int
  private let descriptor: Int32
  private let lock = NSLock()
  private let finished = DispatchSemaphore(value: 0)
  private var received: [[UInt8]] = []
  private var open: [Int32] = []
  private var closing = false

  var requests: [[UInt8]] { lock.withLock { received } }

  /// `resetOnAccept`: close each connection at once with a reset (SO_LINGER 0), as a listener
  /// that exits with the client's frame unread does.
  init(resetOnAccept: Bool = false, answer: @escaping @Sendable ([UInt8]) -> [UInt8]?) throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(fd, 8) == 0 else {
      Glibc.close(fd)
      throw CCMError.invalidArgument("loopback server: cannot listen")
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(fd, $0, &length)
      }
    }
    port = Int(UInt16(bigEndian: address.sin_port))
    descriptor = fd
    let listener = fd
    Thread.detachNewThread { [self] in
      defer {
        Glibc.close(listener)
        finished.signal()
      }
      while true {
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return }
        if resetOnAccept {
          var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
          setsockopt(
            connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
          Glibc.close(connection)
          continue
        }
        // Registered and checked under the lock: a connection accepted while `close` runs is
        // shut down here, so the read below cannot wait forever.
        lock.withLock {
          open.append(connection)
          if closing { shutdown(connection, Int32(SHUT_RDWR)) }
        }
        var request = [UInt8](repeating: 0, count: 9)
        let count = request.withUnsafeMutableBytes {
          recv(connection, $0.baseAddress, 9, Int32(MSG_WAITALL))
        }
        let bytes = Array(request.prefix(max(0, count)))
        lock.withLock { received.append(bytes) }
        if let reply = answer(bytes) {
          if reply.isEmpty {
            shutdown(connection, Int32(SHUT_RDWR))
          } else {
            _ = reply.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, 0) }
          }
        }
      }
    }
  }

  /// Stops listening (a connect to the port is refused once this returns) and closes every
  /// connection; returns after the accept thread has ended.
  func close() {
    lock.withLock {
      closing = true
      // Shutting a listening socket down wakes a blocked `accept` and makes the next one fail.
      shutdown(descriptor, Int32(SHUT_RDWR))
      for connection in open { shutdown(connection, Int32(SHUT_RDWR)) }
    }
    finished.wait()
    for connection in lock.withLock({ open }) { Glibc.close(connection) }
  }
}
