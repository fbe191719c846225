import CCMTestSupport
import Foundation
import Testing

@testable import CCMCore
@testable import CCMShell

/// The drivers' harness command lines through the command table (fake engine).
@Suite struct CCMCompatCLITests {
  @Test func createTakesAVersionAndSaysWhatCCMSays() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let created = await cli.run("create t -v release:2025.1 --scylla -n 2 -i 127.0.202.")
    #expect(created.status == .ok, "\(created.stderr)")
    #expect(created.stdout == "Current cluster is now: t\n")
    // A loopback prefix is published on the host: nothing to warn about, node.conf keeps it.
    #expect(created.stderr.isEmpty, "\(created.stderr)")
    #expect(try cli.read("t/cluster.conf").contains("docker_image: scylladb/scylla:2025.1\n"))
    let node = try cli.read("t/node2/node.conf")
    #expect(node.contains("  - 127.0.202.2\n  - 9042\n") && node.contains("container_address: "))
    let outside = await cli.run("create o -v 2025.1 -n 1 -i 10.1.1. --no-switch")
    #expect(outside.stderr.hasPrefix("ccmsh: note: -i/-I addresses outside 127/8 are recorded"))
    let quiet = await cli.run("create u --version=2025.1.3 --no-switch")
    #expect(quiet.status == .ok && quiet.stdout.isEmpty, "\(quiet.stderr)")
    #expect(try cli.read("u/cluster.conf").contains("docker_image: scylladb/scylla:2025.1.3\n"))
  }

  @Test func anImageGivenOutrightWinsOverTheVersion() async throws {
    var cli = try CLIHarness(environment: ["SCYLLA_DOCKER_REPOSITORY": "localhost/mirror"])
    defer { cli.remove() }
    #expect(await cli.run("create a -v 2025.1 --no-switch").status == .ok)
    #expect(try cli.read("a/cluster.conf").contains("docker_image: localhost/mirror:2025.1\n"))
    cli.environment["SCYLLA_DOCKER_IMAGE"] = "img:1"
    #expect(await cli.run("create b -v 2025.1 --no-switch").status == .ok)
    #expect(try cli.read("b/cluster.conf").contains("docker_image: img:1\n"))
    #expect(await cli.run("create c -v 2025.1 --docker-image img:2 --no-switch").status == .ok)
    #expect(try cli.read("c/cluster.conf").contains("docker_image: img:2\n"))
  }

  @Test func aCassandraVersionIsOneLineAndNothingIsWritten() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let run = await cli.run("create t -v 4.1.5 -n 1")
    #expect(run.status == .usage)
    #expect(run.stderr.contains("Cassandra version") && run.stderr.filter { $0 == "\n" }.count == 1)
    #expect(!cli.exists("t"))
  }

  @Test func serverFlagsFastStartAndPartitionerAreRecorded() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let created = await cli.run(
      arguments: [
        "create", "f", "-n", "1", "--fast-start", "--jvm_arg", "--smp 2 --ring-delay-ms 5",
        "-p", "org.apache.cassandra.dht.Murmur3Partitioner",
      ])
    #expect(created.status == .ok, "\(created.stderr)")
    let conf = try cli.read("f/cluster.conf")
    #expect(conf.contains("fast_start: true\n"))
    #expect(conf.contains("  smp: '2'\n") && conf.contains("  ring-delay-ms: '5'\n"))
    #expect(conf.contains("  skip-wait-for-gossip-to-settle: '0'\n"))
    #expect(conf.contains("partitioner: org.apache.cassandra.dht.Murmur3Partitioner\n"))
  }

  @Test func clusterOptionTargetsWithoutSwitching() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create a -n 1").status == .ok)
    #expect(await cli.run("create b -n 2").status == .ok)
    let status = await cli.run("status --cluster a")
    #expect(status.stdout.hasPrefix("Cluster: 'a'\n"), "\(status.stdout)\(status.stderr)")
    #expect(await cli.run("--cluster a status").stdout.hasPrefix("Cluster: 'a'\n"))
    #expect(await cli.run("--cluster a updateconf x:1").status == .ok)
    #expect(try cli.read("a/cluster.conf").contains("x: 1"))
    #expect(try !cli.read("b/cluster.conf").contains("x: 1"))
    #expect(try cli.read("CURRENT") == "b\n")
    let missing = await cli.run("status --cluster nope")
    #expect(missing.status != .ok && missing.stderr.contains("nope"))
  }

  @Test func updateconfTakesTheHarnessForms() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create a -n 1").status == .ok)
    let run = await cli.run(
      arguments: [
        "updateconf", "read_request_timeout_in_ms: 5000", "experimental_features: [udf, tablets]",
        "client_encryption_options.enabled: true", "-y", "enable_user_defined_functions: true",
      ])
    #expect(run.status == .ok, "\(run.stderr)")
    let conf = try cli.read("a/cluster.conf")
    #expect(conf.contains("read_request_timeout_in_ms: 5000"))
    #expect(conf.contains("experimental_features:\n  - udf\n  - tablets\n"), "\(conf)")
    #expect(conf.contains("client_encryption_options:\n    enabled: true"))
    #expect(conf.contains("enable_user_defined_functions: true"))
  }

  @Test func nodetoolShortcutsAndOneWordCommands() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create a -n 1").status == .ok)
    #expect(await cli.run("node1 flush").status == .ok)
    #expect(await cli.run(arguments: ["node1", "nodetool", "decommission -f"]).status == .ok)
    #expect(await cli.run("node1 ring --config-dir \(cli.configDirectory)").status == .ok)
    let execs = cli.engine.calls.filter { $0.contains("exec") }.map { Array($0.suffix(2)) }
    #expect(execs.contains(["nodetool", "flush"]) || execs.contains { $0.last == "flush" })
    #expect(execs.contains(["decommission", "-f"]))
    #expect(execs.contains { $0.last == "ring" })
  }

  @Test func populateTakesAddressesAndVnodes() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let install = cli.configDirectory + "/install"
    try FileManager.default.createDirectory(
      atPath: install + "/conf", withIntermediateDirectories: true)
    try BaseScyllaYAML.builtInDefault.write(
      toFile: install + "/conf/scylla.yaml", atomically: true, encoding: .utf8)
    #expect(await cli.run("create p --install-dir \(install)").status == .ok)
    let run = await cli.run("populate -n 2 -i 127.0.5. --vnodes -d")
    #expect(run.status == .usage, "-d is a no-op only when run as ccm")
    #expect(await cli.run("populate -n 2 -i 127.0.5. --vnodes").status == .ok)
    #expect(try cli.read("p/node2/node.conf").contains("127.0.5.2"))
    #expect(try cli.read("p/cluster.conf").contains("use_vnodes: true"))
  }

  @Test func statusPrintsOnlyScyllaCCMLinesAndGocqlParsesThem() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create a -n 4").status == .ok)
    let nodes = try ClusterStore(root: cli.configDirectory).load("a").nodes
    let states: [NodeRuntimeState] = [
      .running(address: "10.0.0.2"), .paused, .exited(code: 137), .other("restarting"),
    ]
    let pairs = zip(nodes, states).map { node, state in
      (
        node,
        NodeLiveStatus(
          name: node.name, state: state, recorded: .up, address: "10.0.0.2",
          containerName: "ccm-a-" + node.name, containerID: "abc")
      )
    }
    let text = LiveNodeReport.ccmStatus("a", pairs, verbose: true).joined(separator: "\n") + "\n"
    #expect(!text.contains("Image") && !text.contains("container=") && !text.contains("PAUSED"))
    let hosts = try GocqlStatusParser.parse(text)
    #expect(hosts.count == 4)
    #expect(hosts["node1"]?.up == true && hosts["node2"]?.up == true)
    #expect(hosts["node3"]?.up == false && hosts["node4"]?.up == false)
    #expect(hosts["node1"]?.address.isEmpty == false)
    let short = LiveNodeReport.ccmStatus("a", pairs, verbose: false)
    #expect(
      short == [
        "Cluster: 'a'", "------------", "node1: UP", "node2: UP", "node3: DOWN", "node4: DOWN",
      ])
    // The same through the command: the image stays in --json only.
    let verbose = await cli.run("status -v")
    #expect(verbose.status == .ok && !verbose.stdout.contains("Image"), "\(verbose.stdout)")
    #expect(await cli.run("status -v --json").stdout.contains("\"image\""))
  }

  /// The server's state inside a running container maps to scylla-ccm's two words; `show`'s
  /// word stays precise.
  @Test func serverStateMapsToUpOrDown() {
    let expected: [(ServerState?, String)] = [
      (nil, "UP"), (.running, "UP"), (.starting, "UP"), (.stopping, "UP"), (.backoff, "DOWN"),
      (.exited, "DOWN"), (.stopped, "DOWN"), (.fatal, "DOWN"),
    ]
    for (server, word) in expected {
      let live = NodeLiveStatus(
        name: "node1", state: .running(address: "10.0.0.2"), recorded: .up, address: nil,
        containerName: "c", containerID: nil, server: server)
      #expect(LiveNodeReport.ccmWord(live) == word, "\(String(describing: server))")
      // liveset lists what status calls UP, a server supervisord still calls STARTING too.
      if server != .stopping { #expect(live.isLive == (word == "UP")) }
    }
    let exited = NodeLiveStatus(
      name: "node1", state: .running(address: nil), recorded: .up, address: nil,
      containerName: "c", containerID: nil, server: .exited)
    #expect(LiveNodeReport.statusLine(exited) == "node1: DOWN (server EXITED)")
    var gone = exited
    gone.recorded = .decommissioned
    #expect(LiveNodeReport.ccmWord(gone) == "DECOMMISSIONED")
  }

  @Test func scyllaCCMsOwnOutputParses() throws {
    let scyllaCCM = """
      Cluster: 'plain3'
      -----------------
      node1: UP
             auto_bootstrap=False
             binary=('127.0.0.1', 9042)
             storage=('127.0.0.1', 7000)
             jmx_port=7199
             remote_debug_port=2000
             initial_token=-9223372036854775808
             pid=12345


      """
    #expect(
      try GocqlStatusParser.parse(scyllaCCM)["node1"]
        == .init(name: "node1", up: true, address: "127.0.0.1"))
  }
}

/// One cluster, both tools: scylla-ccm's `updateconf` rewrites cluster.conf from its own key
/// list (as in the 2.0.5 fixture `dock3`); ccmsh's keys come back from its side file.
@Suite struct BothToolsCLITests {
  @Test func aScyllaCCMRewriteLosesNothingOfCcmsh() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let created = await cli.run("create t -n 2 --env FOO=bar --start-timeout 77")
    #expect(created.status == .ok, "\(created.stderr)")
    let network = try #require(
      try cli.read("t/cluster.conf").split(separator: "\n")
        .first { $0.hasPrefix("cluster_network: ") })
    // What scylla-ccm 2.0.5 writes after `ccm updateconf read_request_timeout_in_ms:10000`.
    let rewritten = """
      name: t
      nodes:
      - node1
      - node2
      seeds:
      - node1
      - node2
      partitioner:
      config_options:
        start_native_transport: true
        read_request_timeout_in_ms: 10000
      id: 0
      ipprefix:
      docker_image: img
      \(network)

      """
    try rewritten.write(
      toFile: cli.configDirectory + "/t/cluster.conf", atomically: true, encoding: .utf8)
    let shown = await cli.run("status --json")
    #expect(shown.status == .ok, "\(shown.stderr)")
    // A ccmsh write puts the keys back into cluster.conf, next to scylla-ccm's change.
    #expect(await cli.run("updateconf x:1").status == .ok)
    let conf = try cli.read("t/cluster.conf")
    #expect(conf.contains("read_request_timeout_in_ms: 10000"))
    #expect(conf.contains("environment:\n  FOO: bar\n"), "\(conf)")
    #expect(conf.contains("start_timeout: 77\n"))
    #expect(conf.contains("cluster_subnet: ") && conf.contains("docker_image_id: "))
  }
}
