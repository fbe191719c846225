import Foundation
import Testing

@testable import CCMCore

/// The test node image's nodetool switches, the fast-start options the driver harnesses pass,
/// and what the real binary and supervisor print that the stand-in models (Seastar's exit 2 for
/// a bad option, the four lines on stdout before the logger, supervisor 4.3.0's doubled lines).
extension TestNodeScenario {
  /// nodetool's switches have their effects.
  ///
  /// disablebinary closes the CQL port until enablebinary; disablegossip makes the node DN in
  /// its peer's view until enablegossip; settraceprobability keeps a valid value and refuses
  /// another. Both nodes take the harnesses' fast-start options.
  static func nodetoolSwitches(_ s: Sandbox) async throws {
    let (network, prefix) = try await s.network("sw")
    let ip1 = "\(prefix).61"
    let ip2 = "\(prefix).62"
    let fastStart = [
      "--skip-wait-for-gossip-to-settle", "0", "--ring-delay-ms", "0", "--unsafe-bypass-fsync",
      "on", "--kernel-page-cache", "on", "--collectd", "0", "--commitlog-use-o-dsync", "0",
      "--flush-schema-tables-after-modification", "false", "--auto-snapshot", "0",
      "--shutdown-announce-in-ms", "0",
    ]
    for (name, ip) in [("node1", ip1), ("node2", ip2)] {
      _ = try await s.client.run(
        s.node(
          name, network: NetworkAttachment(network: network, ipv4Address: ip),
          command: ["--seeds", ip1] + fastStart))
    }
    let (node1, node2) = (s.name("node1"), s.name("node2"))
    try await s.waitForLog(node1, "/\(ip2) is now UP, status = NORMAL")
    try await s.waitForLog(node2, "/\(ip1) is now UP, status = NORMAL")
    let tool = { (container: String, words: [String]) in
      try await s.client.exec(container, ExecRequest(["nodetool"] + words, timeout: .seconds(30)))
    }
    let cql = { () async throws -> Int32 in
      try await s.client.exec(node2, ExecRequest(["cqlsh", ip1, "-e", "SELECT 1"])).exitCode
    }
    #expect(try await tool(node1, ["statusbinary"]).standardOutput == "running\n")
    #expect(try await cql() == 0)
    #expect(try await tool(node1, ["disablebinary"]).exitCode == 0)
    #expect(try await tool(node1, ["statusbinary"]).standardOutput == "not running\n")
    #expect(try await cql() == 1, "CQL refused while the binary protocol is off")
    #expect(try await tool(node1, ["enablebinary"]).exitCode == 0)
    #expect(try await tool(node1, ["statusbinary"]).standardOutput == "running\n")
    #expect(try await cql() == 0)
    try await LogCount.untilLogCount(
      s, node1, "Starting listening for CQL clients on \(ip1):9042", atLeast: 2)

    #expect(try await tool(node1, ["statusgossip"]).standardOutput == "running\n")
    #expect(try await tool(node1, ["disablegossip"]).exitCode == 0)
    #expect(try await tool(node1, ["statusgossip"]).standardOutput == "not running\n")
    try await s.waitForLog(node2, "/\(ip1) is now DOWN")
    #expect(rows(try await tool(node2, ["status"]).standardOutput).contains("DN \(ip1)"))
    #expect(try await tool(node1, ["enablegossip"]).exitCode == 0)
    try await LogCount.untilLogCount(s, node2, "/\(ip1) is now UP", atLeast: 2)
    #expect(rows(try await tool(node2, ["status"]).standardOutput).contains("UN \(ip1)"))

    #expect(try await tool(node1, ["settraceprobability", "0.25"]).exitCode == 0)
    #expect(
      try await tool(node1, ["gettraceprobability"]).standardOutput
        == "Current trace probability: 0.25\n")
    let bad = try await tool(node1, ["settraceprobability", "1.5"])
    #expect(bad.exitCode != 0 && bad.standardError.contains("between 0 and 1"))
  }

  /// What the stand-in models of the real binary and supervisor on stdout.
  static func realOutputShapes(_ s: Sandbox) async throws {
    let spec = s.node("out")
    _ = try await s.client.run(spec)
    try await s.waitForLog(spec.name, "Starting listening for CQL clients")
    let logs = try await s.client.logs(spec.name, options: LogOptions())
    // Before its logger starts the server prints four lines on stdout (main.cc).
    let out = logs.standardOutput.split(separator: "\n").map(String.init)
    let first = try #require(out.firstIndex { $0.hasPrefix("Scylla version ") })
    #expect(out[first].hasSuffix(" starting ..."))
    #expect(out[first + 1].hasPrefix("command used: \"/usr/bin/scylla "))
    #expect(out[first + 2].hasPrefix("pid: "))
    #expect(out[first + 3].hasPrefix("parsed command line options: [log-to-syslog: 0"))
    // supervisor 4.3.0 (2025.2+) with logfile=/dev/stdout writes each line twice; 4.2.5 once.
    let started = out.filter { $0.contains("supervisord started with pid") }.count
    #expect(started == (s.image.hasSuffix(":2025.1") ? 1 : 2), "\(started) lines")
    // Seastar refuses a bad command line with exit 2, its words on stdout.
    let bad = try await s.client.exec(spec.name, ExecRequest(["/usr/bin/scylla", "--bogus", "1"]))
    #expect(bad.exitCode == 2)
    #expect(bad.standardOutput == "error: unrecognised option '--bogus'\n\nTry --help.\n")
    let missing = try await s.client.exec(spec.name, ExecRequest(["/usr/bin/scylla", "--smp"]))
    #expect(missing.exitCode == 2 && missing.standardOutput.hasSuffix("Try --help.\n"))
  }
}
