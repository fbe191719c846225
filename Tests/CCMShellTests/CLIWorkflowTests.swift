import Foundation
import Testing

@testable import CCMShell

/// The README's walk-through, run through the command table in-process.
@Suite struct CLIWorkflowTests {
  @Test func createInspectUpdateAndRemoveAContainerCluster() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "scylladb/scylla:6.2"])
    defer { cli.remove() }

    let created = await cli.run("create dk -n 3")
    #expect(created.status == .ok)
    #expect(
      created.result.value["nodes"]
        == .list([.string("node1"), .string("node2"), .string("node3")]))
    #expect(try cli.read("CURRENT") == "dk\n")
    #expect(try cli.read("dk/cluster.conf").contains("docker_image: scylladb/scylla:6.2\n"))

    let list = await cli.run("list")
    #expect(list.stdout == " *dk\n")

    let status = await cli.run("status")
    #expect(
      status.stdout == """
        Cluster: 'dk'
        -------------
        node1: DOWN (Not initialized)
        node2: DOWN (Not initialized)
        node3: DOWN (Not initialized)

        """)

    let verbose = await cli.run("status -v --json")
    #expect(verbose.status == .ok)
    let json = try JSONSerialization.jsonObject(with: Data(verbose.stdout.utf8)) as? [String: Any]
    let nodes = json?["nodes"] as? [[String: Any]]
    #expect(nodes?.count == 3)
    // Container nodes get fixed addresses in the cluster network's subnet (.1 is the gateway).
    let prefix = try cli.subnetPrefix("dk")
    #expect((nodes?[1]["storage"] as? [String: Any])?["address"] as? String == prefix + ".3")
    #expect(nodes?[2]["initial_token"] as? String == "3074457345618258602")

    #expect(await cli.run("updateconf read_request_timeout_in_ms:10000").status == .ok)
    #expect(
      try cli.read("dk/node3/conf/scylla.yaml").contains("read_request_timeout_in_ms: 10000\n"))
    #expect(await cli.run("node2 updateconf compaction_throughput_mb_per_sec:0").status == .ok)
    #expect(
      try cli.read("dk/node2/conf/scylla.yaml").contains("compaction_throughput_mb_per_sec: 0\n"))
    #expect(try !cli.read("dk/node1/conf/scylla.yaml").contains("compaction_throughput"))

    let show = await cli.run("node2 show")
    #expect(show.stdout.hasPrefix("node2: DOWN (Not initialized)\n       cluster=dk\n"))
    #expect(show.stdout.contains("       storage=('\(prefix).3', 7000)\n"))

    #expect(await cli.run("liveset").stdout == "\n")
    #expect(await cli.run("remove").status == .ok)
    #expect(!cli.exists("dk"))
    #expect(!cli.exists("CURRENT"))
  }

  @Test func addRemoveNodesAndSwitchClusters() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create a -n 2").status == .ok)
    #expect(await cli.run("create b --no-switch --id 55").status == .ok)
    #expect(try cli.read("CURRENT") == "a\n")
    #expect(
      await cli.run("list --json").result.value
        == .list([
          .object(["name": .string("a"), "current": .bool(true)]),
          .object(["name": .string("b"), "current": .bool(false)]),
        ]))
    #expect(await cli.run("switch b").status == .ok)
    #expect(await cli.run("populate -n 2").status == .ok)
    // --id 55: node.conf keeps 127.0.55.N (published on the host), the container its subnet one.
    let node2 = try cli.read("b/node2/node.conf")
    #expect(node2.contains("- 127.0.55.2\n"))
    #expect(node2.contains("container_address: \(try cli.subnetPrefix("b")).3\n"))

    let added = await cli.run("add node3 -s -d dc1 --rack r2 --docker-image other")
    #expect(added.status == .ok)
    let node3 = try cli.read("b/node3/node.conf")
    #expect(node3.contains("docker_image: other\n") && node3.contains("rack: r2\n"))
    #expect(node3.contains("- 127.0.55.3\n") && node3.contains("container_address: "))
    #expect(try cli.read("b/cluster.conf").contains("seeds:\n- node1\n- node2\n- node3\n"))

    #expect(await cli.run("node3 remove").status == .ok)
    #expect(!cli.exists("b/node3"))
    // A loopback node may take another CQL port: it is the port published on the host.
    #expect(await cli.run("add node4 --binary-itf 127.0.55.4:9142").status == .ok)
    #expect(try cli.read("b/node4/node.conf").contains("  binary:\n  - 127.0.55.4\n  - 9142\n"))
    #expect(await cli.run("node4 remove").status == .ok)
    #expect(try !cli.read("b/cluster.conf").contains("node3"))

    try "x".write(
      toFile: cli.configDirectory + "/b/node1/data/f", atomically: true, encoding: .utf8)
    #expect(await cli.run("clear").status == .ok)
    #expect(!cli.exists("b/node1/data/f") && cli.exists("b/node1/conf/scylla.yaml"))

    let log = cli.configDirectory + "/b/node1/logs/system.log"
    try "x".write(toFile: log, atomically: true, encoding: .utf8)
    #expect(await cli.run("node1 clear").status == .ok)
    #expect(cli.exists("b/node1/logs/system.log"))
    #expect(await cli.run("node1 clear -a").status == .ok)
    #expect(!cli.exists("b/node1/logs/system.log") && cli.exists("b/node1/logs"))

    #expect(await cli.run("remove a").status == .ok)
    #expect(try cli.read("CURRENT") == "b\n")
  }

  @Test func runtimeComesFromTheEnvironmentAndIsRecorded() async throws {
    let cli = try CLIHarness(environment: [
      "SCYLLA_DOCKER_IMAGE": "img", "CCM_CONTAINER_RUNTIME": "podman",
    ])
    defer { cli.remove() }
    #expect(await cli.run("create p").status == .ok)
    #expect(try cli.read("p/cluster.conf").contains("container_runtime: podman\n"))
    #expect(await cli.run("create q --container-runtime docker").status == .ok)
    #expect(try cli.read("q/cluster.conf").contains("container_runtime: docker\n"))
  }

  @Test func configDirOptionWinsOverTheEnvironment() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let other = cli.configDirectory + "/elsewhere"
    #expect(await cli.run("create c --config-dir \(other)").status == .ok)
    #expect(cli.exists("elsewhere/c/cluster.conf"))
    #expect(await cli.run("list --config-dir \(other)").stdout == " *c\n")
    #expect(await cli.run("list").stdout == "")
    #expect(await cli.run("--config-dir \(other) list").stdout == " *c\n")
    #expect(
      await cli.run("--config-dir=\(other) status --json").result.value["cluster"] == .string("c"))
  }

  @Test func helpIsPrintedAndSucceeds() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let help = await cli.run("create --help")
    #expect(help.status == .ok)
    #expect(help.stdout.contains("--docker-image"))
  }
}
