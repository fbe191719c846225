import CCMWait
import Foundation

/// The CQL half of `--wait-for-binary-proto`: after the node logged its CQL line, a CQL
/// handshake answers. From the host when the node's address is on a local bridge, from inside
/// the node otherwise (the network rule: nothing probes an address the host is not attached to).
extension ContainerLifecycle {
  /// Where the CQL probe runs.
  enum CQLProbeSite: Sendable, Hashable {
    /// A CQL handshake (OPTIONS -> SUPPORTED) from the host.
    case host
    /// `cqlsh ADDRESS PORT -e ...` run in the node's container.
    case insideNode
  }

  /// A node on its own engine is probed from inside, whatever its address looks like here: its
  /// network is that engine's (an overlay is not reachable even from the engine's host).
  static func probeSite(for address: String, engine: EngineEndpoint? = nil) -> CQLProbeSite {
    engine == nil && LocalBridge.contains(address) ? .host : .insideNode
  }

  /// The CQL port the node is configured with: `native_transport_port` of its scylla.yaml
  /// (`updateconf` writes there), else node.conf's, else 9042.
  static func cqlPort(of node: NodeConf, nodeDirectory: String) -> Int {
    if let yaml = try? YAMLFile.readMapping(nodeDirectory + "/conf/scylla.yaml"),
      let value = yaml["native_transport_port"]?.int
    {
      return value
    }
    return node.binary?.port ?? CQLShell.defaultPort
  }

  /// Whether the node's scylla.yaml turns on client TLS (`client_encryption_options.enabled`).
  static func encryptsClients(nodeDirectory: String) -> Bool {
    let yaml = try? YAMLFile.readMapping(nodeDirectory + "/conf/scylla.yaml")
    return yaml?["client_encryption_options"]?.mapping?["enabled"]?.scalarText == "true"
  }

  /// cqlsh's credentials for a node under PasswordAuthenticator (ScyllaDB's default superuser).
  static func credentials(nodeDirectory: String) -> [String] {
    let yaml = try? YAMLFile.readMapping(nodeDirectory + "/conf/scylla.yaml")
    guard let authenticator = yaml?["authenticator"]?.scalarText,
      authenticator.hasSuffix("PasswordAuthenticator")
    else { return [] }
    return ["-u", "cassandra", "-p", "cassandra"]
  }

  /// Waits until the node answers CQL at `address:port`, probing from `site`.
  ///
  /// `inside` is where cqlsh in the node connects when the host's probe cannot decide; by
  /// default the same address and port (a published loopback node gives its container's).
  func confirmCQL(
    _ node: String, backend: ContainerNodeBackend, address: String, port: Int,
    site: CQLProbeSite, policy: WaitPolicy, inside: Endpoint? = nil
  ) async throws {
    let statement = "SELECT release_version FROM system.local"
    let target = inside ?? Endpoint(host: address, port: port)
    let insideNode = { () async throws -> WaitProbe<Void> in
      let result = try await backend.exec(
        ExecRequest(
          CQLShell.argv(
            address: target.host, port: target.port,
            arguments: Self.credentials(nodeDirectory: backend.nodeDirectory) + ["-e", statement]),
          timeout: .seconds(15)))
      return result.exitCode == 0
        ? .done(())
        : .pending(reason: "cqlsh in the node cannot connect to \(target.host):\(target.port)")
    }
    // An exec per look is an engine call: not every 50 ms.
    var paced = policy
    if site == .insideNode { paced.interval = max(policy.interval, .milliseconds(500)) }
    do {
      try await Wait.until("\(node): CQL handshake", policy: paced) {
        guard site == .host else { return try await insideNode() }
        switch CQLHandshake.attempt(host: address, port: port) {
        case .supported: return .done(())
        // Accepted and closed: a listener that is not (yet) a CQL server, or a stand-in that
        // only accepts; cqlsh in the node decides.
        case .closedWithoutAnswer: return try await insideNode()
        case .failed: return .pending(reason: "\(address):\(port) does not answer CQL OPTIONS")
        }
      }
    } catch let timeout as WaitTimeout {
      let from = site == .host ? "from the host" : "from inside the node"
      throw CCMError.waitTimedOut(
        timeout, node: node, awaited: "CQL answer at \(address):\(port) (\(from))",
        log: backend.logFile)
    }
  }
}
