import Foundation
import Testing

@testable import CCMCore

/// The test node image's contract (docs/containers.md), on each flavour: what the cluster layer
/// relies on and what the official image does (supervisord's respawn, the entrypoint passing
/// unknown flags on, the server refusing what it does not know, directory ownership, AIO).
enum TestNodeScenario: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case gossipToolsAndSupervisor
  case faultKnobs
  case respawnAndStop
  case entrypointFlags
  case ownershipAndAIO
  case nodetoolSwitches
  case realOutputShapes

  var testDescription: String { rawValue }

  /// uid and gid of `scylla` in the non-root flavour.
  static let imageUID: UInt32 = 975

  func run(on kind: RuntimeKind, image: String) async throws {
    let client = try await Engines.client(kind)
    let tag = image.split(separator: ":").last.map(String.init) ?? "x"
    let scenario =
      "tn-\(rawValue.prefix(12).lowercased())-\(tag.replacingOccurrences(of: ".", with: ""))"
    try await Sandbox(client, scenario, image: image).run { s in
      switch self {
      case .gossipToolsAndSupervisor: try await Self.contract(s)
      case .faultKnobs: try await Self.faultKnobs(s)
      case .respawnAndStop: try await Self.respawnAndStop(s)
      case .entrypointFlags: try await Self.entrypointFlags(s)
      case .ownershipAndAIO: try await Self.ownershipAndAIO(s)
      case .nodetoolSwitches: try await Self.nodetoolSwitches(s)
      case .realOutputShapes: try await Self.realOutputShapes(s)
      }
    }
  }

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
    // 6.x wording: host id, then the address.
    try await s.waitForLog(node1, "/\(ip2) is now UP, status = NORMAL")
    try await s.waitForLog(node2, "/\(ip1) is now UP, status = NORMAL")
    for (node, ip) in [(node1, ip1), (node2, ip2)] {
      try await s.waitForLog(
        node, "Starting listening for CQL clients on \(ip):19042 (unencrypted, shard-aware)")
    }

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
    // cqlsh: the node's address from cqlshrc, system tables, USE and DESCRIBE.
    let cql = try await s.client.exec(
      node2,
      ExecRequest([
        "cqlsh", "-e",
        "SELECT peer, host_id, rpc_address FROM system.peers; CREATE KEYSPACE ks WITH"
          + " replication = {'class': 'NetworkTopologyStrategy'}; USE ks;"
          + " INSERT INTO t (k, v) VALUES (1, 'one'); SELECT * FROM t; DESCRIBE KEYSPACES",
      ]))
    #expect(cql.exitCode == 0, "\(cql.standardError)")
    #expect(cql.standardOutput.contains(" \(ip1) | \(hostID) | \(ip1)"), "\(cql.standardOutput)")
    #expect(cql.standardOutput.contains(" 1 | one"))
    #expect(cql.standardOutput.contains("system_schema") && cql.standardOutput.contains(" ks"))
    // Nothing goes to /var/log/scylla: the server logs on stderr.
    let files = try await s.client.exec(node1, ExecRequest(["ls", "-A", "/var/log/scylla"]))
    #expect(files.standardOutput.isEmpty)

    let supervised = try await s.client.exec(node2, ExecRequest(["supervisorctl", "status"]))
    #expect(supervised.standardOutput.contains("scylla                           RUNNING   pid "))
    #expect(supervised.standardOutput.contains("scylla-housekeeping"))
    #expect(supervised.standardOutput.contains("scylla-node-exporter"))
    let stop = try await s.client.exec(node2, ExecRequest(["supervisorctl", "stop", "scylla"]))
    #expect(stop.standardOutput.contains("scylla: stopped"))
    try await s.waitForLog(node1, "/\(ip2) is now DOWN")
    let down = try await s.client.exec(node1, ExecRequest(["nodetool", "status"]))
    #expect(rows(down.standardOutput).sorted() == ["DN \(ip2)", "UN \(ip1)"])
    #expect(try await s.client.inspect(node2).state.status == .running, "container stays up")
    let stopped = try await s.client.exec(
      node2, ExecRequest(["supervisorctl", "status", "scylla"]))
    #expect(stopped.exitCode == 3 && stopped.standardOutput.contains("STOPPED"))

    let refused = try await s.client.exec(node1, ExecRequest(["cqlsh", ip2, "-e", "SELECT 1"]))
    #expect(refused.exitCode == 1)
    #expect(refused.standardError.contains("Unable to connect to any servers"))
    let unknown = try await s.client.exec(node1, ExecRequest(["nodetool", "frobnicate"]))
    #expect(unknown.exitCode != 0)

    let start = try await s.client.exec(node2, ExecRequest(["supervisorctl", "start", "scylla"]))
    #expect(start.standardOutput.contains("scylla: started"))
    let again = try await s.client.exec(node2, ExecRequest(["supervisorctl", "status", "scylla"]))
    #expect(again.standardOutput.contains("RUNNING"))
    // A paused peer holds nobody's nodetool up, and it is DN once gossip notices.
    try await s.client.pause(node2)
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(30)
    var seen: [String] = []
    while clock.now < deadline {
      let begun = clock.now
      let paused = try await s.client.exec(
        node1, ExecRequest(["nodetool", "status"], timeout: .seconds(20)))
      #expect(clock.now - begun < .seconds(5), "nodetool status took \(clock.now - begun)")
      seen = rows(paused.standardOutput).sorted()
      if seen == ["DN \(ip2)", "UN \(ip1)"] { break }
      try await Task.sleep(for: .milliseconds(500))
    }
    #expect(seen == ["DN \(ip2)", "UN \(ip1)"])
    try await s.client.unpause(node2)
  }

  static func faultKnobs(_ s: Sandbox) async throws {
    let delayed = s.node("delayed", environment: ["SCYLLA_TEST_BOOT_DELAY": "2"])
    let crashing = s.node("crashing", environment: ["SCYLLA_TEST_CRASH_AFTER": "2"])
    _ = try await s.client.run(delayed)
    _ = try await s.client.run(crashing)
    try await s.waitForLog(delayed.name, "Starting listening for CQL clients")
    // Log times have whole seconds: a 2 s delay shows as a gap of at least 1 s.
    let lines = try await s.client.logs(delayed.name, options: LogOptions()).lines
    let hostID = try #require(lines.first { $0.contains("Setting local host id") })
    let cql = try #require(lines.first { $0.contains("Starting listening for CQL clients") })
    #expect(try seconds(cql) - seconds(hostID) >= 1, "boot delay holds CQL back")
    // A crash after start: supervisord respawns the server (autorestart unexpected).
    try await s.waitForLog(crashing.name, "exited: scylla (exit status 1; not expected)")
    try await s.waitForLog(crashing.name, "Aborting on shard 0")
    try await LogCount.untilLogCount(
      s, crashing.name, "spawned: 'scylla' with pid", atLeast: 2,
      distinct: true)
    #expect(try await s.client.inspect(crashing.name).state.status == .running)
  }

  /// supervisord's semantics: SIGKILL respawned, `autorestart=false` honoured (EXITED), stop and
  /// start, SIGTERM to PID 1 stops every program and ends the container with 0.
  static func respawnAndStop(_ s: Sandbox) async throws {
    let spec = s.node("node1")
    _ = try await s.client.run(spec)
    try await s.waitForLog(spec.name, "success: scylla entered RUNNING state")
    let first = try await pid(s, spec.name)
    _ = try await s.client.exec(spec.name, ExecRequest(["kill", "-9", first]))
    try await s.waitForLog(spec.name, "exited: scylla (terminated by SIGKILL; not expected)")
    try await LogCount.untilLogCount(
      s, spec.name, "success: scylla entered RUNNING state", atLeast: 2, distinct: true)
    let second = try await pid(s, spec.name)
    #expect(second != first && second != "0")

    try await withTemporaryDirectory { host in
      let program = host + "/scylla-server.conf"
      try
        "[program:scylla]\nautorestart=false\ncommand=/opt/scylladb/supervisor/scylla-server.sh\nstopwaitsecs=900\n"
        .write(toFile: program, atomically: true, encoding: .utf8)
      let held = s.node(
        "held",
        volumes: [
          VolumeMount(
            hostPath: program, containerPath: "/etc/supervisord.conf.d/scylla-server.conf",
            access: .readOnly)
        ])
      _ = try await s.client.run(held)
      try await s.waitForLog(held.name, "success: scylla entered RUNNING state")
      let server = try await pid(s, held.name)
      _ = try await s.client.exec(held.name, ExecRequest(["kill", "-9", server]))
      try await s.waitForLog(held.name, "exited: scylla (terminated by SIGKILL; not expected)")
      try await Task.sleep(for: .seconds(2))
      let status = try await s.client.exec(
        held.name, ExecRequest(["supervisorctl", "status", "scylla"]))
      #expect(status.standardOutput.contains("EXITED"), "\(status.standardOutput)")
      let start = try await s.client.exec(
        held.name, ExecRequest(["supervisorctl", "start", "scylla"]))
      #expect(start.standardOutput == "scylla: started\n")
    }

    let restart = try await s.client.exec(
      spec.name, ExecRequest(["supervisorctl", "restart", "scylla"]))
    #expect(restart.standardOutput == "scylla: stopped\nscylla: started\n")
    try await s.client.stop(spec.name, timeout: .seconds(30))
    let info = try await s.waitForStatus(spec.name, .exited)
    #expect(info.state.exitCode == 0)
    let logs = try await s.client.logs(spec.name, options: LogOptions()).standardOutput
    #expect(logs.contains("received SIGTERM indicating exit request"))
    #expect(logs.contains("stopped: scylla (exit status 0)"))
  }

  /// The entrypoint's flags as argparse's parse_known_args takes them, per generation.
  static func entrypointFlags(_ s: Sandbox) async throws {
    let generation = s.image.hasSuffix(":2025.1") ? "2025.1" : "2025.4"
    // Unknown to the entrypoint, known to the server: passed on and accepted.
    let epoll = s.node("epoll", command: ["--reactor-backend", "epoll", "--experimental", "udf"])
    _ = try await s.client.run(epoll)
    try await s.waitForLog(epoll.name, "success: scylla entered RUNNING state")
    let args = try await s.client.exec(
      epoll.name, ExecRequest(["cat", "/etc/scylla.d/docker.conf"]))
    #expect(args.standardOutput.contains("--experimental-features udf"), "a prefix of its own flag")
    #expect(args.standardOutput.contains("--reactor-backend epoll"))
    #expect(
      args.standardOutput.contains(generation == "2025.1" ? "notify-ms 999999999" : "notify-ms 25"))
    // Unknown to both: the server refuses it, supervisord gives up, the container stays.
    let unknown = s.node("unknown", command: ["--no-such-flag", "1"])
    _ = try await s.client.run(unknown)
    try await s.waitForLog(unknown.name, "error: unrecognised option '--no-such-flag'")
    try await s.waitForLog(
      unknown.name, "gave up: scylla entered FATAL state", timeout: .seconds(30))
    #expect(try await s.client.inspect(unknown.name).state.status == .running)
    // --dc: the entrypoint's own on 2025.4 (rackdc written), the server's unknown on 2025.1.
    let dc = s.node("dc", command: ["--dc", "dc7"])
    _ = try await s.client.run(dc)
    if generation == "2025.1" {
      try await s.waitForLog(dc.name, "error: unrecognised option '--dc'")
    } else {
      try await s.waitForLog(dc.name, "success: scylla entered RUNNING state")
      let rackdc = try await s.client.exec(
        dc.name, ExecRequest(["cat", "/etc/scylla/cassandra-rackdc.properties"]))
      #expect(rackdc.standardOutput == "dc=dc7\nrack=rack1\n")
    }
    // Ambiguous prefix and bad choice: usage + exit 2.
    for (name, flags) in [("ambiguous", ["--e", "1"]), ("choice", ["--overprovisioned", "yes"])] {
      let bad = s.node(name, command: flags)
      _ = try await s.client.run(bad)
      #expect(try await s.waitForStatus(bad.name, .exited).state.exitCode == 2)
      let text = try await s.client.logs(bad.name, options: LogOptions()).standardOutput
      #expect(text.contains("usage: docker-entrypoint.py [-h]"))
    }
  }

  /// The non-root flavour refuses a directory its user does not own; the root one takes any.
  ///
  /// A server asking for more AIO than the host has refuses to start with Seastar's words.
  static func ownershipAndAIO(_ s: Sandbox) async throws {
    let nonRoot = try await !s.client.inspectImage(s.image).user.isEmpty
    try await withTemporaryDirectory { host in
      let data = host + "/data"
      try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
      chmod(data, 0o755)
      let spec = s.node(
        "own", volumes: [VolumeMount(hostPath: data, containerPath: "/var/lib/scylla/data")])
      _ = try await s.client.run(spec)
      if nonRoot && getuid() == 0 {
        try await s.waitForLog(spec.name, "Could not initialize /var/lib/scylla/data")
        // Not awaited: FATAL. A loaded machine can make the refusal take longer than startsecs,
        // and supervisord then respawns it as an exit (as the real one does); either way the
        // next start after the chown comes up.
        #expect(chown(data, imageUID, imageUID) == 0)
        _ = try await s.client.exec(spec.name, ExecRequest(["supervisorctl", "start", "scylla"]))
      }
      try await s.waitForLog(spec.name, "Starting listening for CQL clients")
      #expect(FileManager.default.fileExists(atPath: data + "/.lock"))
    }
    let greedy = s.node("greedy", command: ["--smp", "200"])
    _ = try await s.client.run(greedy)
    try await s.waitForLog(greedy.name, "Your system does not satisfy minimum AIO requirements")
  }

  static func pid(_ s: Sandbox, _ container: String) async throws -> String {
    try await s.client.exec(container, ExecRequest(["supervisorctl", "pid", "scylla"]))
      .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
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

enum LogCount {
  /// Polls the log until `text` occurs on at least `count` lines; with `distinct`, on that many
  /// different lines (supervisor 4.3.0 writes each of its lines twice).
  static func untilLogCount(
    _ s: Sandbox, _ container: String, _ text: String, atLeast count: Int,
    distinct: Bool = false, timeout: Duration = .seconds(60)
  ) async throws {
    let deadline = ContinuousClock.now + timeout
    var seen = 0
    while ContinuousClock.now < deadline {
      let logs = try await s.client.logs(container, options: LogOptions()).standardOutput
      let lines = logs.split(separator: "\n").filter { $0.contains(text) }
      seen = distinct ? Set(lines).count : lines.count
      if seen >= count { return }
      try await Task.sleep(for: .milliseconds(200))
    }
    Issue.record("\(container): '\(text)' \(seen) times, wanted \(count), within \(timeout)")
  }
}
