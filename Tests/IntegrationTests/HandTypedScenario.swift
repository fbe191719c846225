import Foundation
import Testing

@testable import CCMCore

/// What scylla-ccm's docker users type by hand, through the built binary on a real engine:
/// `NODE start --replace-address` in place of a stopped node, `setlog -c CLASS LEVEL` (now on a
/// running node, and from its next start), and the Alternator endpoint in `NODE show`.
enum HandTypedScenario {
  static func run(on kind: RuntimeKind) async throws {
    guard let binary = CCMLinkScenario.binary else {
      Issue.record("ccmsh is not built; run `swift build --product ccmsh`")
      return
    }
    let sandbox = ClusterSandbox(kind, client: try await Engines.client(kind))
    try await sandbox.run { sandbox in
      let ccmsh = CCMProcess(
        path: binary,
        environment: [
          "CCM_CONFIG_DIR": sandbox.root, "CCM_CONTAINER_RUNTIME": kind.rawValue,
          "SCYLLA_DOCKER_IMAGE": Engines.testImage,
          "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin",
          "HOME": sandbox.root,
        ])
      let name = sandbox.name("rep")
      defer { _ = try? ccmsh.run(["remove", name]) }
      #expect(try ccmsh.run(["create", name, "-n", "2"]).status == 0)
      // node1's ring below must already hold node2's host id: wait for each node's UP line.
      #expect(try ccmsh.run(["start", "--wait-other-notice"]).status == 0)
      let status = try ccmsh.run(["node1", "nodetool", "status"]).stdout
      let node2 = try ccmsh.run(["node2", "show", "--json"]).stdout
      let address = try #require(
        (try JSONSerialization.jsonObject(with: Data(node2.utf8)) as? [String: Any])
          .flatMap { $0["storage"] as? [String: Any] }?["address"] as? String)
      #expect(try ccmsh.run(["node2", "stop"]).status == 0)
      #expect(try ccmsh.run(["add", "node3"]).status == 0)
      let started = try ccmsh.run([
        "node3", "start", "--replace-address", address, "--wait-for-binary-proto",
      ])
      #expect(started.status == 0, "\(started.stderr)")
      let conf = try String(
        contentsOfFile: sandbox.root + "/\(name)/node3/node.conf", encoding: .utf8)
      let hostID = status.split(separator: "\n").first { $0.contains(" \(address) ") }?
        .split(separator: " ").first { $0.count == 36 && $0.contains("-") }
      // The host id of the node at that address, or (an entrypoint that takes only its own
      // flags) the address itself.
      #expect(
        conf.contains("replace-address-first-boot: \(address)\n")
          || (hostID.map { conf.contains("replace-node-first-boot: \($0)\n") } ?? false),
        "\(conf)\n\(status)")
      let after = try ccmsh.run(["status"]).stdout
      #expect(after.contains("node3: UP") && after.contains("node2: DOWN"), "\(after)")

      // setlog: a running node's logger is set at once (nodetool setlogginglevel); the level
      // is also recorded in its server flags, so its next start keeps it.
      let setlog = try ccmsh.run(["setlog", "-c", "compaction", "DEBUG"])
      #expect(setlog.status == 0, "\(setlog.stderr)")
      #expect(setlog.stdout.contains("node3: compaction at debug now and from its next start"))
      #expect(setlog.stdout.contains("node2: compaction at debug from its next start"))
      #expect(try Self.loggers(ccmsh, "node3")["compaction"] == "debug")
      #expect(try ccmsh.run(["node3", "stop"]).status == 0)
      #expect(try ccmsh.run(["node3", "start", "--wait-for-binary-proto"]).status == 0)
      #expect(try Self.loggers(ccmsh, "node3")["compaction"] == "debug")

      #expect(try ccmsh.run(["updateconf", "alternator_port: 8000"]).status == 0)
      let shown = try ccmsh.run(["node1", "show"]).stdout
      #expect(shown.contains("alternator=") && shown.contains(":8000\n"), "\(shown)")
      #expect(try ccmsh.run(["remove", name]).status == 0)
    }
  }
}

extension HandTypedScenario {
  /// `nodetool getlogginglevels` of `node`: logger name → level.
  static func loggers(_ ccmsh: CCMProcess, _ node: String) throws -> [String: String] {
    let output = try ccmsh.run([node, "nodetool", "getlogginglevels"])
    #expect(output.status == 0, "\(output.stderr)")
    var levels: [String: String] = [:]
    for line in output.stdout.split(separator: "\n").dropFirst() {
      let words = line.split(separator: " ")
      if words.count == 2 { levels[String(words[0])] = String(words[1]) }
    }
    return levels
  }
}

@Suite(
  "hand-typed commands on docker", .tags(.container, .docker),
  .enabled("docker answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.docker)
  })
struct DockerHandTypedTests {
  @Test func replaceAddressSetlogAndAlternator() async throws {
    try await EngineSlots.run { try await HandTypedScenario.run(on: .docker) }
  }
}

@Suite(
  "hand-typed commands on podman", .tags(.container, .podman),
  .enabled("podman answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.podman)
  })
struct PodmanHandTypedTests {
  @Test func replaceAddressSetlogAndAlternator() async throws {
    try await EngineSlots.run { try await HandTypedScenario.run(on: .podman) }
  }
}
