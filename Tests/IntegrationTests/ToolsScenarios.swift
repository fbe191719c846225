import CCMWait
import Foundation
import Testing

@testable import CCMCore

/// Node tools and faults against real engines and the test node image: a 3-node cluster of
/// test-node containers on a sandbox network, driven through `ContainerNodeBackend`.
enum ToolsScenario: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case nodetoolStatus
  case cqlshRoundTrip
  case logsAndWatchlog
  case partitionAndHeal
  case lifecycleCluster

  var testDescription: String { rawValue }

  func run(on kind: RuntimeKind) async throws {
    if self == .lifecycleCluster { return try await ToolsLifecycleScenario.run(on: kind) }
    let client = try await Engines.client(kind)
    try await withTemporaryDirectory { directory in
      try await Sandbox(client, "tools-" + rawValue.lowercased()).run { sandbox in
        let cluster = try await ToolsCluster.start(sandbox, directory: directory)
        switch self {
        case .nodetoolStatus: try await Self.nodetoolStatus(cluster)
        case .cqlshRoundTrip: try await Self.cqlshRoundTrip(cluster)
        case .logsAndWatchlog: try await Self.logsAndWatchlog(cluster, directory: directory)
        case .partitionAndHeal: try await Self.partitionAndHeal(cluster, directory: directory)
        case .lifecycleCluster: break
        }
      }
    }
  }

  static func nodetoolStatus(_ c: ToolsCluster) async throws {
    try await c.waitForStatus(from: c.nodes[1], ["UN", "UN", "UN"])
    let rows = try await Nodetool.status(c.nodes[1])
    #expect(Set(rows.map(\.address)) == Set(c.addresses))
    try await c.sandbox.client.stop(c.nodes[2].containerName, timeout: .seconds(5))
    try await c.waitForStatus(from: c.nodes[0], ["UN", "UN", "DN"])
    let unknown = try await Nodetool.run(c.nodes[0], ["frobnicate"])
    #expect(unknown.exitCode != 0)
    #expect(unknown.standardError.contains("frobnicate"))
  }

  static func cqlshRoundTrip(_ c: ToolsCluster) async throws {
    let write = try await CQLShell.run(
      c.nodes[0], input: .statements("INSERT INTO ks.t (k, v) VALUES ('a', 1)"))
    #expect(write.succeeded, "\(write.standardError)")
    let read = try await CQLShell.run(
      c.nodes[0], input: .statements("SELECT * FROM ks.t WHERE k = 'a'"))
    let table = try #require(CQLOutput.tables(read.standardOutput).first)
    #expect(table.records == [["k": "a", "v": "1"]])
    // cqlsh's own -e carries the statement: nothing else is appended that would replace it.
    let own = try await CQLShell.run(
      c.nodes[0], input: .inArguments, arguments: ["-e", "SELECT * FROM ks.t WHERE k = 'a'"])
    #expect(CQLOutput.tables(own.standardOutput).first?.records == [["k": "a", "v": "1"]])
    // A node whose CQL port does not answer: cqlsh's own error and status.
    let refused = try await CQLShell.run(
      c.nodes[0], input: .statements("SELECT 1"), address: c.addresses[0], port: 9999)
    #expect(refused.exitCode == 1)
    #expect(refused.standardError.contains("Unable to connect to any servers"))
  }

  static func logsAndWatchlog(_ c: ToolsCluster, directory: String) async throws {
    let node = c.nodes[0]
    // Every pattern must match: node1 is serving and has seen node3 come up.
    let up = try await node.log.waitFor(
      .lines([
        "Starting listening for CQL clients", "InetAddress .*/\(c.addresses[2]) is now UP",
      ]), after: .start, policy: WaitPolicy(timeout: .seconds(60)))
    #expect(up.count == 2)
    let mark = try await node.markLog()
    #expect(mark.offset > 0)
    try await c.sandbox.client.stop(c.nodes[2].containerName, timeout: .seconds(5))
    let down = try await node.log.waitFor(
      .line("InetAddress .*/\(c.addresses[2]) is now DOWN"), after: mark,
      policy: WaitPolicy(timeout: .seconds(60)), onExit: .keepWaiting)
    #expect(down.first?.contains("DOWN") == true)

    let clock = ContinuousClock()
    let started = clock.now
    do {
      _ = try await node.log.waitFor(
        .line("never logged"), after: node.markLog(), policy: WaitPolicy(timeout: .seconds(1)),
        onExit: .keepWaiting)
      Issue.record("watchlog did not time out")
    } catch let error as CCMError {
      #expect(error.message.contains("node1"))
      #expect(error.message.contains("never logged"))
      #expect(error.message.contains("is now DOWN"), "last log lines shown")
    }
    #expect(clock.now - started < .seconds(10))

    #expect(try await NodeLogs.errorLines(node).isEmpty)
    let collected = directory + "/collected"
    _ = try await NodeLogs.collect(c.nodes, into: collected)
    let copy = try String(contentsOfFile: collected + "/node1/system.log", encoding: .utf8)
    #expect(copy.contains("is now DOWN"))
  }

  static func partitionAndHeal(_ c: ToolsCluster, directory: String) async throws {
    try await c.waitForStatus(from: c.nodes[0], ["UN", "UN", "UN"])
    let faults = NetworkFaults(
      client: c.sandbox.client, network: c.network, clusterDirectory: directory)
    let containers = Dictionary(
      uniqueKeysWithValues: c.nodes.map { ($0.nodeName, $0.containerName) })
    let record = try await faults.partition(
      [["node1", "node2"], ["node3"]], containers: containers)
    #expect(record.isolated.map(\.node) == ["node3"])
    // node1 and node2 still see each other; neither reaches node3's storage port.
    try await c.waitForStatus(from: c.nodes[0], ["UN", "UN", "DN"])
    try await c.waitForStatus(from: c.nodes[1], ["UN", "UN", "DN"])
    let probe = try await c.sandbox.client.exec(
      c.nodes[2].containerName, ExecRequest(["nc", "-w", "1", c.addresses[0], "7000"]))
    #expect(probe.exitCode != 0, "node3 cannot reach node1's storage port")

    // A new NetworkFaults (as a new process would make) heals from the record.
    let healed = try await NetworkFaults(
      client: c.sandbox.client, network: c.network, clusterDirectory: directory
    ).heal()
    #expect(healed == ["node3"])
    try await c.waitForStatus(from: c.nodes[2], ["UN", "UN", "UN"])
    let info = try await c.sandbox.client.inspect(c.nodes[2].containerName)
    #expect(info.ipAddress(on: c.network) == c.addresses[2], "same address after heal")
    #expect(try await faults.heal() == [], "idempotent")
  }
}

/// Three test-node containers on a sandbox network, node1 the seed, with their backends.
struct ToolsCluster {
  let sandbox: Sandbox
  let network: String
  let addresses: [String]
  let nodes: [ContainerNodeBackend]

  static func start(_ s: Sandbox, directory: String) async throws -> ToolsCluster {
    let (network, prefix) = try await s.network("net")
    let addresses = (1...3).map { "\(prefix).\(10 + $0)" }
    var nodes: [ContainerNodeBackend] = []
    for (index, address) in addresses.enumerated() {
      let name = "node\(index + 1)"
      _ = try await s.client.run(
        s.node(
          name, network: NetworkAttachment(network: network, ipv4Address: address),
          command: ["--seeds", addresses[0]]))
      nodes.append(
        ContainerNodeBackend(
          client: s.client, nodeName: name, nodeDirectory: directory + "/" + name,
          containerName: s.name(name), network: network))
    }
    // Serving: a server is never ready in the moment its container runs.
    for (index, address) in addresses.enumerated() {
      try await s.waitForLog(
        s.name("node\(index + 1)"), "Starting listening for CQL clients on \(address):9042")
    }
    return ToolsCluster(sandbox: s, network: network, addresses: addresses, nodes: nodes)
  }

  /// Waits until `node`'s `nodetool status` shows these codes for node1, node2, node3.
  func waitForStatus(from node: ContainerNodeBackend, _ codes: [String]) async throws {
    let expected = Dictionary(uniqueKeysWithValues: zip(addresses, codes))
    try await Wait.until(
      "\(node.nodeName): nodetool status \(codes)", policy: WaitPolicy(timeout: .seconds(60))
    ) {
      let output = try await Nodetool.run(node, ["status"])
      let seen = NodetoolStatus.byAddress(NodetoolStatus.parse(output.standardOutput))
        .mapValues(\.code)
      return seen == expected ? .done(()) : .pending(reason: "\(seen)")
    }
  }
}
