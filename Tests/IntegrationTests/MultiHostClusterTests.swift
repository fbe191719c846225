import Foundation
import Testing

@testable import CCMCore

/// A ccmsh cluster spread over the harness's two engines, through the built binary: create with
/// `--engine` twice, the lifecycle, cross-host `nodetool status`, a partition of the remote node
/// and its heal, kill and pause on the remote engine, `add --engine`, clear and node remove there,
/// and a remove that leaves nothing on either.
@Suite(
  "Multi-host cluster", .tags(.container, .docker, .multihost), .serialized,
  .enabled("multihost-harness can run here (root, vxlan, dockerd)") {
    await MultiHostHarness.shouldRun()
  })
struct MultiHostClusterTests {
  @Test func threeNodesOverTwoEngines() async throws {
    let binary = try #require(CCMLinkScenario.binary, "ccmsh is not built: swift build")
    try await MultiHostHarness.withHosts { hosts in
      let root = FileManager.default.temporaryDirectory
        .appendingPathComponent("ccmsh-mh-\(UUID().uuidString.prefix(8))").path
      defer { try? FileManager.default.removeItem(atPath: root) }
      var environment = ProcessInfo.processInfo.environment
      environment["CCM_CONFIG_DIR"] = root
      environment["CCM_CONTAINER_RUNTIME"] = "docker"
      let ccmsh = MultiHostCLI(process: CCMProcess(path: binary, environment: environment))
      let engines = hosts.map { DockerClient(endpoint: .url($0.url)) }
      let labels = [ContainerLabels.configDirectory: root]

      // An engine without the image is named before anything is made.
      let missing = try ccmsh.run(
        [
          "create", "nope", "-n", "1", "--docker-image", "localhost/ccmsh-no-such-image:1",
          "--engine", hosts[0].url, "--engine", hosts[1].url,
        ], expect: 1)
      #expect(missing.contains("engine \(hosts[0].url) does not have image"), "\(missing)")
      #expect(try await engines[0].swarmState().isInactive)

      // Each engine advertises its underlay address (the harness hosts have one interface, so
      // the engines would pick it too; given here, the flag is what decides).
      try ccmsh.run(
        [
          "create", "mh", "-n", "3", "--docker-image", Engines.testImage, "--engine",
          hosts[0].url, "--engine", hosts[1].url,
          "--swarm-advertise", "\(hosts[0].url)=\(hosts[0].underlayAddress)",
          "--swarm-advertise", "\(hosts[1].url)=\(hosts[1].underlayAddress)",
        ])
      for (engine, host) in zip(engines, hosts) {
        #expect(try await engine.swarmState().nodeAddress == host.underlayAddress)
      }
      let show = try ccmsh.run(["node2", "show"])
      #expect(show.contains("engine=\(hosts[1].url)"), "\(show)")
      let json = try ccmsh.run(["status", "-v", "--json"])
      #expect(json.contains("\"engine\" : \"\(hosts[0].url)\"") || json.contains(hosts[0].url))

      let starting = ContinuousClock.now
      try ccmsh.run(["start", "--wait-for-binary-proto"])
      print("multi-host start of 3 nodes: \(ContinuousClock.now - starting)")
      // Each engine holds exactly its nodes (round-robin in node order).
      let names = { (engine: DockerClient) async throws -> [String] in
        try await engine.list(labels: labels).map(\.name).map { String($0.suffix(5)) }.sorted()
      }
      #expect(try await names(engines[0]) == ["node1", "node3"])
      #expect(try await names(engines[1]) == ["node2"])
      try await ccmsh.expectUp(3, asSeenBy: "node1")
      try await ccmsh.expectUp(3, asSeenBy: "node2")

      // node2 is on the second engine: cut it off there, then heal.
      try ccmsh.run(["partition", "node1,node3", "node2"])
      try await ccmsh.expectUp(2, asSeenBy: "node1")
      try ccmsh.run(["heal"])
      try await ccmsh.expectUp(3, asSeenBy: "node1")

      try ccmsh.run(["node2", "pause"])
      let paused = try ccmsh.run(["status", "--json"])
      #expect(paused.contains("PAUSED"), "\(paused)")
      #expect(
        try await engines[1].inspect(ccmsh.container("node2", in: root)).state.status == .paused)
      try ccmsh.run(["node2", "resume"])

      try ccmsh.run(["node2", "kill"])
      let killed = try ccmsh.run(["status"])
      #expect(killed.contains("node2: DOWN"), "\(killed)")
      try ccmsh.run(["node2", "start", "--wait-for-binary-proto"])
      try await ccmsh.expectUp(3, asSeenBy: "node3")

      // A stop and start reuses the containers, with the conf copied again.
      try ccmsh.run(["stop"])
      try ccmsh.run(["start", "--wait-for-binary-proto"])
      try await ccmsh.expectUp(3, asSeenBy: "node2")
      let log = try String(contentsOfFile: root + "/mh/node2/logs/system.log", encoding: .utf8)
      #expect(log.contains("Starting listening for CQL clients"))

      // add places a node on the engine asked for; clear and NODE remove take its container
      // and its data volume off that engine.
      try ccmsh.run(["add", "node4", "--engine", hosts[1].url])
      try ccmsh.run(["node4", "start", "--wait-for-binary-proto"])
      #expect(try await names(engines[1]) == ["node2", "node4"])
      try await ccmsh.expectUp(4, asSeenBy: "node1")
      try ccmsh.run(["node4", "stop"])
      try ccmsh.run(["node4", "clear"])
      #expect(try await names(engines[1]) == ["node2"])
      try ccmsh.run(["node4", "start", "--wait-for-binary-proto"])
      try ccmsh.run(["node4", "remove"])
      #expect(try await names(engines[1]) == ["node2"])

      try ccmsh.run(["remove"])
      for engine in engines {
        #expect(try await engine.list(labels: labels).isEmpty)
        #expect(try await engine.swarmState().isInactive)
        let networks = try await engine.listNetworks(labels: [:]).sorted()
        #expect(networks == ["bridge", "host", "none"], "networks left: \(networks)")
        let volumes = try await SubprocessRunner().run(
          ProcessCommand(
            "docker", ["--host", engine.endpoint?.description ?? "", "volume", "ls", "-q"],
            timeout: .seconds(20)))
        #expect(volumes.standardOutput.isEmpty, "volumes left: \(volumes.standardOutput)")
      }
    }
  }
}

/// The binary with the test's config dir; a failing command fails the test with its stderr.
struct MultiHostCLI {
  let process: CCMProcess

  @discardableResult
  func run(_ arguments: [String], expect status: Int32 = 0) throws -> String {
    let result = try process.run(arguments)
    #expect(
      result.status == status,
      "ccmsh \(arguments.joined(separator: " ")): \(result.status)\n\(result.stderr)")
    return result.stdout + result.stderr
  }

  /// `nodetool status` on `observer` shows `count` nodes UN, within a few seconds (gossip).
  func expectUp(_ count: Int, asSeenBy observer: String) async throws {
    var last = ""
    for _ in 0..<40 {
      last = try process.run([observer, "nodetool", "status"]).stdout
      if last.split(separator: "\n").filter({ $0.hasPrefix("UN ") }).count == count { return }
      try await Task.sleep(for: .milliseconds(250))
    }
    Issue.record("\(observer) does not see \(count) nodes UN:\n\(last)")
  }

  /// The container of `node`, from its node.conf.
  func container(_ node: String, in root: String) throws -> String {
    let conf = try String(contentsOfFile: "\(root)/mh/\(node)/node.conf", encoding: .utf8)
    let line = conf.split(separator: "\n").first { $0.hasPrefix("docker_name:") } ?? ""
    return line.dropFirst("docker_name:".count).trimmingCharacters(in: .whitespaces)
  }
}
