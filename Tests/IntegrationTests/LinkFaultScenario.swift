import Foundation
import Testing

@testable import CCMCore

/// Link faults measured on a real 4-node test cluster: the probes run inside the node
/// containers (busybox `ping`, `wget` from the node's own httpd), the rules are read back from
/// each namespace with `nsenter`, and every clean-up path is checked to leave nothing.
enum LinkFaultScenario {
  /// One node's container and address.
  struct Probe {
    let client: any ContainerClient
    let containers: [String: String]
    let addresses: [String: String]
    let pids: () async throws -> [String: Int]

    func exec(_ node: String, _ argv: [String]) async throws -> ExecResult {
      try await client.exec(
        containers[node] ?? node, ExecRequest(argv, user: "0", timeout: .seconds(120)))
    }

    /// The loss in percent of `count` pings from `from` to `to`.
    func pingLoss(_ from: String, _ to: String, count: Int, interval: String = "0.02")
      async throws -> Int
    {
      // Busybox's ping in the node's namespace: podman's containers lack CAP_NET_RAW.
      let result = try await namespace(
        from,
        [
          "/bin/busybox", "ping", "-q", "-c", String(count), "-i", interval, "-W", "2",
          addresses[to] ?? "",
        ])
      let line = result.split(separator: "\n").first { $0.contains("packet loss") }
      let words = (line ?? "").split(separator: " ")
      let word = words.first { $0.hasSuffix("%") } ?? "-1%"
      return Int(word.dropLast()) ?? -1
    }

    /// How many ICMP echo requests `node` has received (its namespace's /proc/net/snmp).
    func echoesReceived(_ node: String) async throws -> Int {
      let snmp = try await exec(node, ["cat", "/proc/net/snmp"]).standardOutput
      let lines = snmp.split(separator: "\n").filter { $0.hasPrefix("Icmp:") }
      guard lines.count >= 2 else { return -1 }
      let names = lines[0].split(separator: " ")
      let values = lines[1].split(separator: " ")
      guard let index = names.firstIndex(of: "InEchos"), index < values.count else { return -1 }
      return Int(values[index]) ?? -1
    }

    /// What `tool` shows inside `node`'s namespace (test-side reading, as root on the host).
    func namespace(_ node: String, _ tool: [String]) async throws -> String {
      guard let pid = try await pids()[node] else { return "" }
      let output = try await SubprocessRunner().run(
        ProcessCommand("nsenter", ["-t", String(pid), "-n", "--"] + tool, timeout: .seconds(15)))
      return output.standardOutput
    }

    /// Whether any ccmsh rule or qdisc is left in `node`'s namespace.
    func holdsNothing(_ node: String) async throws -> Bool {
      let rules = try await namespace(node, ["iptables", "-S"])
      let qdiscs = try await namespace(node, ["tc", "qdisc", "show"])
      return !rules.contains("ccmsh") && !rules.contains("CCMSH") && !qdiscs.contains("htb")
    }
  }

  static func run(on kind: RuntimeKind) async throws {
    let client = try await Engines.client(kind)
    try await ClusterSandbox(kind, client: client).run { s in
      let name = s.name("lf")
      try await s.create(name, nodes: 4)
      let lifecycle = try await s.lifecycle(name)
      _ = try await lifecycle.start(nil, options: .test(.parallel))
      let runtime = lifecycle.runtime
      var cluster = try runtime.load()
      let network = try #require(cluster.conf.clusterNetwork)
      let containers = Dictionary(
        uniqueKeysWithValues: cluster.nodes.map {
          ($0.name, runtime.backend($0, in: cluster).containerName)
        })
      let infos = try await client.inspect(Array(containers.values))
      var addresses: [String: String] = [:]
      for (node, container) in containers {
        addresses[node] = infos.first { $0.name.hasSuffix(container) }?.ipAddress(on: network)
      }
      let probe = Probe(
        client: client, containers: containers, addresses: addresses,
        pids: {
          let now = try await client.inspect(Array(containers.values))
          var pids: [String: Int] = [:]
          for (node, container) in containers {
            pids[node] = now.first { $0.name.hasSuffix(container) }?.state.pid
          }
          return pids
        })
      var faults = runtime.linkFaults(of: cluster)
      #expect(faults.available, "\(faults.unavailableReason ?? "")")
      let all = ["node1", "node2", "node3", "node4"]
      func clean() async throws {
        for node in all { #expect(try await probe.holdsNothing(node), "\(node) keeps a rule") }
      }

      // A 2–2 partition keeps each pair talking and cuts across, at the same addresses.
      let split = try await faults.add(
        LinkFaultSpec.parse(["partition", "node1,node2", "node3,node4"]))
      #expect(try await probe.pingLoss("node1", "node2", count: 10) == 0)
      #expect(try await probe.pingLoss("node3", "node4", count: 10) == 0)
      #expect(try await probe.pingLoss("node1", "node3", count: 10) == 100)
      #expect(try await probe.pingLoss("node4", "node2", count: 10) == 100)
      #expect(try faults.list().map(\.id) == [split.id])
      #expect(try await faults.heal(split.id).map(\.id) == [split.id])
      #expect(try await probe.pingLoss("node1", "node3", count: 10) == 0)
      try await clean()

      // A one-way cut: node1's packets to node3 are dropped, node3's to node1 arrive.
      let cut = try await faults.add(LinkFaultSpec.parse(["cut", "from", "node1", "to", "node3"]))
      let atNode3 = try await probe.echoesReceived("node3")
      let atNode1 = try await probe.echoesReceived("node1")
      _ = try await probe.pingLoss("node1", "node3", count: 20)
      _ = try await probe.pingLoss("node3", "node1", count: 20)
      #expect(try await probe.echoesReceived("node3") - atNode3 == 0, "node1 → node3 must drop")
      #expect(try await probe.echoesReceived("node1") - atNode1 >= 20, "node3 → node1 must pass")
      _ = try await faults.heal(cut.id)
      try await clean()

      // 20 % loss, measured over 1,000 probes.
      let loss = try await faults.add(
        LinkFaultSpec.parse(["loss", "20%", "from", "node1", "to", "node3"]))
      let measured = try await probe.pingLoss("node1", "node3", count: 1000, interval: "0.005")
      #expect((15...25).contains(measured), "20% loss measured as \(measured)%")
      _ = try await faults.heal(loss.id)
      try await clean()

      // A rate limit: 4 MB from node1 (its httpd) to node2 at 8 Mbit/s takes 4 s (±15 %).
      _ = try await probe.exec(
        "node1",
        ["dd", "if=/dev/zero", "of=/run/scylla/www/ccmsh-probe", "bs=1000", "count=4000"])
      let rate = try await faults.add(
        LinkFaultSpec.parse(["rate", "8mbit", "from", "node1", "to", "node2"]))
      let fetch = try await probe.exec(
        "node2",
        [
          "time", "-p", "wget", "-q", "-O", "/dev/null",
          "http://\(addresses["node1"] ?? ""):10000/ccmsh-probe",
        ])
      let real = fetch.standardError.split(separator: "\n").first { $0.hasPrefix("real ") }
      let seconds = Double(real?.split(separator: " ").last ?? "") ?? 0
      let bits = 32_000_000 / max(seconds, 0.001)
      #expect(abs(bits - 8_000_000) <= 1_200_000, "8 Mbit/s measured as \(Int(bits)) bit/s")
      _ = try await faults.heal(rate.id)
      try await clean()

      // No netem here: latency is refused in one line and nothing is changed.
      if !(await NamespaceEntry.kernelHasNetem(runner: SubprocessRunner())) {
        await #expect(throws: CCMError.self) {
          _ = try await faults.add(
            LinkFaultSpec.parse(["latency", "100ms", "from", "node1", "to", "node2"]))
        }
        #expect(try faults.list().isEmpty)
        try await clean()
      }

      // A foreign rule in the way is refused, and left where it is.
      let foreign = ["iptables", "-A", "INPUT", "-s", "192.0.2.1/32", "-j", "DROP"]
      _ = try await probe.namespace("node4", foreign)
      await #expect(throws: CCMError.self) {
        _ = try await faults.add(LinkFaultSpec.parse(["cut", "from", "node1", "to", "node4"]))
      }
      #expect(try faults.list().isEmpty)
      #expect(
        try await probe.namespace("node4", ["iptables", "-S", "INPUT"]).contains("192.0.2.1"))
      _ = try await probe.namespace(
        "node4", ["iptables", "-D", "INPUT", "-s", "192.0.2.1/32", "-j", "DROP"])

      // A fault is re-applied when its node's container starts again (a new namespace).
      let held = try await faults.add(LinkFaultSpec.parse(["cut", "from", "node1", "to", "node3"]))
      try await lifecycle.stop(["node3"], mode: .gentle(timeout: .seconds(10)))
      _ = try await lifecycle.start(["node3"], options: .test())
      #expect(try await probe.namespace("node3", ["iptables", "-S"]).contains("ccmsh:\(held.id)"))
      #expect(try await probe.pingLoss("node1", "node3", count: 5) == 100)

      // A scoped fault whose owner died (kill -9) is removed by the next command (no process
      // has pid 2^31 - 2: pid_max is at most 2^22).
      let orphan = try await faults.add(
        LinkFaultSpec.parse(["loss", "50%", "from", "node2", "to", "node1"]), owner: Int32.max - 1)
      #expect(try await faults.sweepOrphans().map(\.id) == [orphan.id])

      // NODE remove drops the faults touching the node, in the other namespaces too.
      _ = try await faults.add(LinkFaultSpec.parse(["partition", "node4", "node1,node2,node3"]))
      try await lifecycle.removeNode("node4")
      cluster = try runtime.load()
      faults = runtime.linkFaults(of: cluster)
      #expect(try faults.list().map(\.id) == [held.id])
      #expect(
        !(try await probe.namespace("node1", ["iptables", "-S"]).contains(addresses["node4"] ?? "-"))
      )

      // clear drops every fault; remove takes the namespaces with the containers.
      try await lifecycle.clear(nil, scope: .dataAndLogs)
      #expect(try faults.list().isEmpty)
      _ = try await lifecycle.start(nil, options: .test(.parallel))
      for node in ["node1", "node2", "node3"] {
        #expect(try await probe.holdsNothing(node), "\(node) keeps a rule after clear")
      }
      _ = try await faults.add(
        LinkFaultSpec.parse(["loss", "10%", "from", "node1", "to", "node2"]))
      try await lifecycle.removeCluster()
    }
  }
}

@Suite(
  "Link faults", .tags(.container),
  .enabled(if: geteuid() == 0, "link faults enter namespaces with nsenter: run as root"))
struct LinkFaultTests {
  @Test(arguments: [RuntimeKind.podman, .docker])
  func measured(_ kind: RuntimeKind) async throws {
    guard await ClusterSuiteGate.shouldRun(kind) else { return }
    try await EngineSlots.run { try await LinkFaultScenario.run(on: kind) }
  }

  /// Latency needs netem, which this kernel lacks; a GitHub-hosted runner has it.
  @Test(
    .enabled("the kernel has the netem qdisc") {
      await NamespaceEntry.kernelHasNetem(runner: SubprocessRunner())
    })
  func latencyWhereNetemExists() async throws {
    guard await ClusterSuiteGate.shouldRun(.docker) else { return }
    let client = try await Engines.client(.docker)
    try await EngineSlots.run {
      try await ClusterSandbox(.docker, client: client).run { s in
        let name = s.name("lat")
        try await s.create(name, nodes: 2)
        let lifecycle = try await s.lifecycle(name)
        _ = try await lifecycle.start(nil, options: .test(.parallel))
        let runtime = lifecycle.runtime
        let cluster = try runtime.load()
        let faults = runtime.linkFaults(of: cluster)
        let network = try #require(cluster.conf.clusterNetwork)
        let node2 = try #require(cluster.nodes.last)
        let info = try await client.inspect(runtime.backend(node2, in: cluster).containerName)
        let address = try #require(info.ipAddress(on: network))
        _ = try await faults.add(
          LinkFaultSpec.parse(["latency", "100ms", "from", "node1", "to", "node2"]))
        let node1 = try #require(cluster.nodes.first)
        let ping = try await client.exec(
          runtime.backend(node1, in: cluster).containerName,
          ExecRequest(["ping", "-c", "10", "-i", "0.2", address], user: "0"))
        let summary = ping.standardOutput.split(separator: "\n").last ?? ""
        // round-trip min/avg/max = a/b/c ms: the average within ±10 % of 100 ms.
        let avg = summary.split(separator: "=").last?.split(separator: "/").dropFirst().first
        let ms = Double(avg.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
        #expect(abs(ms - 100) <= 10, "100 ms delay measured as \(ms) ms")
        _ = try await faults.heal()
        try await lifecycle.removeCluster()
      }
    }
  }
}
