import CCMCore
import Foundation
import Testing

/// The test node image's contract (docs/containers.md), which the cluster layer relies on: gossip
/// UP/DOWN, nodetool status, REST, cqlsh errors, supervisorctl and the fault knobs.
enum TestNodeScenario {
  static func contract(_ s: Sandbox) async throws {
    let (network, prefix) = try await s.network("net")
    let ip1 = "\(prefix).51"
    let ip2 = "\(prefix).52"
    for (name, ip) in [("node1", ip1), ("node2", ip2)] {
      _ = try await s.client.run(
        s.node(
          name, network: NetworkAttachment(network: network, ipv4Address: ip),
          command: ["--seeds", ip1, "--cluster-name", "it"]))
    }
    let node1 = s.name("node1")
    let node2 = s.name("node2")
    try await s.waitForLog(node1, "gossip - InetAddress \(ip2) is now UP")
    try await s.waitForLog(node2, "gossip - InetAddress \(ip1) is now UP")

    let status = try await s.client.exec(node2, ExecRequest(["nodetool", "status"]))
    #expect(status.standardOutput.contains("Datacenter: datacenter1"))
    #expect(status.standardOutput.contains("|/ State=Normal/Leaving/Joining/Moving"))
    #expect(rows(status.standardOutput).sorted() == ["UN \(ip1)", "UN \(ip2)"])

    let logs = try await s.client.logs(node1, options: LogOptions()).standardOutput
    let hostID = try #require(
      logs.split(separator: "\n").first { $0.contains("Setting local host id to ") }?
        .components(separatedBy: "host id to ").last)
    let rest = try await s.client.exec(
      node2, ExecRequest(["wget", "-qO-", "http://\(ip1):10000/storage_service/host_id/local"]))
    #expect(rest.standardOutput.contains(hostID))

    let supervised = try await s.client.exec(
      node2, ExecRequest(["supervisorctl", "status", "scylla"]))
    #expect(supervised.standardOutput.contains("RUNNING"))
    let stop = try await s.client.exec(node2, ExecRequest(["supervisorctl", "stop", "scylla"]))
    #expect(stop.standardOutput.contains("scylla: stopped"))
    try await s.waitForLog(node1, "gossip - InetAddress \(ip2) is now DOWN")
    let down = try await s.client.exec(node1, ExecRequest(["nodetool", "status"]))
    #expect(rows(down.standardOutput).sorted() == ["DN \(ip2)", "UN \(ip1)"])
    #expect(try await s.client.inspect(node2).state.status == .running, "container stays up")

    let refused = try await s.client.exec(node1, ExecRequest(["cqlsh", ip2, "-e", "SELECT 1"]))
    #expect(refused.exitCode == 1)
    #expect(refused.standardError.contains("Unable to connect to any servers"))
    let unknown = try await s.client.exec(node1, ExecRequest(["nodetool", "frobnicate"]))
    #expect(unknown.exitCode != 0)

    _ = try await s.client.exec(node2, ExecRequest(["supervisorctl", "start", "scylla"]))
    try await s.waitForLog(node2, "Starting listening for CQL clients on \(ip2):9042")
    let again = try await s.client.exec(node2, ExecRequest(["supervisorctl", "status", "scylla"]))
    #expect(again.standardOutput.contains("RUNNING"))
  }

  static func faultKnobs(_ s: Sandbox) async throws {
    let delayed = s.node("delayed", environment: ["SCYLLA_TEST_BOOT_DELAY": "2"])
    let crashing = s.node("crashing", environment: ["SCYLLA_TEST_CRASH_AFTER": "1"])
    _ = try await s.client.run(delayed)
    _ = try await s.client.run(crashing)
    try await s.waitForLog(delayed.name, "Starting listening for CQL clients")
    // Log times have whole seconds: a 2 s delay shows as a gap of at least 1 s.
    let lines = try await s.client.logs(delayed.name, options: LogOptions()).lines
    let hostID = try #require(lines.first { $0.contains("Setting local host id") })
    let cql = try #require(lines.first { $0.contains("Starting listening for CQL clients") })
    #expect(try seconds(cql) - seconds(hostID) >= 1, "boot delay holds CQL back")
    let crashed = try await s.waitForStatus(crashing.name, .exited, timeout: .seconds(60))
    #expect(crashed.state.exitCode == 1)
    #expect(
      try await s.client.logs(crashing.name, options: LogOptions()).standardOutput
        .contains("ERROR"))
  }

  /// Seconds of the day from a ScyllaDB log line ("INFO  2026-01-01 10:00:00,000 ...").
  static func seconds(_ line: String) throws -> Int {
    let time = try #require(
      line.split(separator: " ").first { $0.contains(":") && $0.contains(",") })
    let parts = time.prefix(8).split(separator: ":").compactMap { Int($0) }
    try #require(parts.count == 3)
    return parts[0] * 3600 + parts[1] * 60 + parts[2]
  }

  /// "UN 10.1.2.3" for each node row of `nodetool status`.
  static func rows(_ output: String) -> [String] {
    output.split(separator: "\n").compactMap { line in
      let words = line.split(separator: " ")
      guard words.count > 2, ["UN", "DN", "UL", "DL"].contains(words[0]) else { return nil }
      return "\(words[0]) \(words[1])"
    }
  }
}
