import Foundation
import Testing

@testable import CCMCore

/// Node state against a simulated podman.
///
/// Node state is the container's and the server's: status asks the supervisor in running
/// containers, start brings an exited server back, kill returns once the server is down, and
/// decommissioned nodes are refused. Against a simulated podman.
@Suite struct NodeStateTests {
  private func fixture(
    nodes: Int = 1, knobs: SimulatedEngine.Knobs = .init()
  ) async throws -> SimulatedCluster {
    try await SimulatedCluster.make(nodes: nodes, knobs: knobs)
  }

  /// `inspect`'s answer for `names`; `digest` is their `org.ccmsh.spec` label (none: a spec
  /// other than the current one).
  private func running(
    _ names: [String], status: String = "running", digest: String? = nil
  ) -> String {
    let labels = digest.map { #"{"\#(ContainerLabels.specDigest)":"\#($0)"}"# } ?? "{}"
    return "["
      + names.map {
        #"{"Id":"id-\#($0)","Name":"\#($0)","Image":"0123","State":{"Status":"\#(status)","ExitCode":0,"Pid":1},"Config":{"Hostname":"n","Image":"localhost/img:1","Labels":\#(labels),"Env":[]},"NetworkSettings":{"Networks":{"ccm-c1":{"IPAddress":"10.1.1.2"}}},"Mounts":[]}"#
      }.joined(separator: ",") + "]"
  }

  /// The spec digest node1's container gets from a start now.
  private func currentDigest(_ f: SimulatedCluster) throws -> String? {
    let cluster = try f.lifecycle.runtime.load()
    let node = cluster.nodes[0]
    let spec = NodeContainerSpec.build(
      node: node, of: cluster, containerName: node.dockerName ?? "",
      seeds: cluster.seedAddresses(for: node), configDirectory: f.root,
      caller: .current(engine: .podman))
    return spec.labels[ContainerLabels.specDigest]
  }

  @Test func anExitedServerInARunningContainerIsDown() async throws {
    let f = try await fixture(nodes: 3)
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    let names = f.cluster.nodes.compactMap(\.dockerName)
    f.engine.update {
      $0.containers = running(names)
      $0.supervisorStatus = ("scylla                           EXITED    Dec 02 06:00 PM\n", 3)
    }
    let before = f.runner.argvs.count
    let status = try await f.lifecycle.status()
    #expect(status.nodes.map(\.word) == Array(repeating: "DOWN (server EXITED)", count: 3))
    #expect(status.nodes.allSatisfy { !$0.isLive })
    // One inspect for the cluster, one supervisorctl per running node.
    let calls = f.runner.argvs[before...]
    #expect(calls.count == 4)
    #expect(calls.filter { $0.suffix(3) == ["supervisorctl", "status", "scylla"] }.count == 3)
  }

  /// scylla-ccm's `ccm node3 stop` is `supervisorctl stop scylla` in a container it leaves
  /// running: ccmsh reads the server's state, so the node is DOWN and not live.
  @Test func aServerStoppedByScyllaCCMIsDown() async throws {
    let f = try await fixture(nodes: 3)
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    f.engine.update {
      $0.containers = running(f.cluster.nodes.compactMap(\.dockerName))
      $0.supervisorStatus = ("scylla                           STOPPED   Dec 03 07:00 AM\n", 3)
    }
    let status = try await f.lifecycle.status()
    #expect(status.nodes.map(\.word) == Array(repeating: "DOWN (server STOPPED)", count: 3))
    #expect(status.nodes.allSatisfy { !$0.isLive })
  }

  @Test func aRespawningServerIsNotUp() async throws {
    let f = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    f.engine.update {
      $0.containers = running(f.cluster.nodes.compactMap(\.dockerName))
      $0.supervisorStatus = (
        "scylla   BACKOFF   Exited too quickly (process log may have details)\n", 3
      )
    }
    #expect(try await f.lifecycle.status().nodes.map(\.word) == ["STARTING (server BACKOFF)"])
  }

  @Test func withoutASupervisorTheContainerDecides() async throws {
    let f = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    f.engine.update {
      $0.containers = running(f.cluster.nodes.compactMap(\.dockerName))
      $0.supervisorStatus = nil
    }
    // The image has a supervisor: no answer yet is not UP.
    let program = ImageProfile.supervisorMount(cluster: f.cluster.directory)
    #expect(program != nil)
    #expect(try await f.lifecycle.status().nodes.map(\.word) == ["STARTING (server STARTING)"])
    // An image without one: the container decides.
    try FileManager.default.removeItem(atPath: program?.hostPath ?? "")
    #expect(try await f.lifecycle.status().nodes.map(\.word) == ["UP"])
  }

  @Test func startBringsAnExitedServerBackInItsContainer() async throws {
    let f = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    let name = try #require(f.cluster.nodes[0].dockerName)
    let digest = try currentDigest(f)
    f.engine.update {
      $0.containers = running([name], digest: digest)
      $0.supervisorStatus = ("scylla   EXITED    Dec 02 06:00 PM\n", 3)
    }
    #expect(
      try await f.lifecycle.start(nil, options: StartOptions(readiness: .launched)) == ["node1"])
    #expect(f.runner.argvs.contains { $0.suffix(4) == [name, "supervisorctl", "start", "scylla"] })
    #expect(
      !f.runner.argvs.contains { $0.dropFirst().first == "run" || $0.dropFirst().first == "start" })
  }

  /// R1: a running container whose server died, with another spec than a start would give
  /// now (`--env`, `--unset-env`, `--jvm_arg` changed it): its PID 1 keeps the old one, so it is
  /// removed and run again rather than asked to start the server.
  @Test func aChangedSpecRecreatesARunningContainerWithADeadServer() async throws {
    let f = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    let name = try #require(f.cluster.nodes[0].dockerName)
    f.engine.update {
      $0.containers = running([name], digest: "an-older-spec")
      $0.supervisorStatus = (
        "scylla   FATAL     Exited too quickly (process log may have details)\n", 3
      )
    }
    #expect(
      try await f.lifecycle.start(nil, options: StartOptions(readiness: .launched)) == ["node1"])
    #expect(!f.runner.argvs.contains { $0.suffix(3) == ["supervisorctl", "start", "scylla"] })
    let verbs = f.runner.argvs.compactMap { $0.dropFirst().first }
    let removed = try #require(verbs.firstIndex(of: "rm"))
    #expect(verbs[removed...].contains("run"), "\(verbs)")
  }

  @Test func theReuseRuleReadsTheSpecDigest() throws {
    let spec = ContainerSpec(
      image: "i", name: "n", labels: [ContainerLabels.specDigest: "d1"], command: [])
    func info(_ status: String, _ digest: String) throws -> ContainerInfo {
      let json =
        #"[{"Id":"x","Name":"n","Image":"0","State":{"Status":"\#(status)","ExitCode":0,"Pid":1},"Config":{"Hostname":"n","Image":"i","Labels":{"\#(ContainerLabels.specDigest)":"\#(digest)"},"Env":[]},"NetworkSettings":{"Networks":{}},"Mounts":[]}]"#
      return try #require(try WireDecoding.containers(json).first)
    }
    #expect(ContainerReuse(existing: nil, spec: spec) == .create)
    #expect(try ContainerReuse(existing: info("running", "d1"), spec: spec) == .startServer)
    #expect(try ContainerReuse(existing: info("exited", "d1"), spec: spec) == .startContainer)
    #expect(try ContainerReuse(existing: info("running", "d0"), spec: spec) == .recreate)
    #expect(try ContainerReuse(existing: info("exited", "d0"), spec: spec) == .recreate)
  }

  @Test func killReturnsOnceTheServerIsDown() async throws {
    let f = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    let name = try #require(f.cluster.nodes[0].dockerName)
    // RUNNING until the signal reaches the server (the simulated kill leaves it EXITED).
    f.engine.update { $0.containers = running([name]) }
    try await f.lifecycle.kill("node1", signal: .kill)
    #expect(f.runner.argvs.contains { $0.suffix(3) == ["supervisorctl", "status", "scylla"] })
    #expect(try f.lifecycle.runtime.load().nodes[0].status == .down)
  }

  /// N15: a server already dead in its running container: every signal gets the answer a
  /// stopped node gets, and nothing is signalled (the container's init least of all).
  @Test func killOfADeadServerIsRefusedForEverySignal() async throws {
    let f = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    let name = try #require(f.cluster.nodes[0].dockerName)
    f.engine.update {
      $0.containers = running([name])
      $0.supervisorStatus = ("scylla   EXITED    Dec 02 06:00 PM\n", 3)
    }
    for signal in [ContainerSignal.kill, .terminate, .hangup, .user1] {
      await #expect(
        throws: CCMError.nodeState(node: "node1", problem: "is not running (start it)")
      ) { try await f.lifecycle.kill("node1", signal: signal) }
    }
    #expect(!f.runner.argvs.contains { $0.dropFirst().first == "kill" })
    #expect(!f.runner.argvs.contains { $0.last?.contains("supervisorctl pid") == true })
  }

  @Test func killOfAStoppedNodeSaysSoInOneLine() async throws {
    let f = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    f.engine.update {
      $0.containers = running(f.cluster.nodes.compactMap(\.dockerName), status: "exited")
    }
    await #expect(throws: CCMError.nodeState(node: "node1", problem: "is not running (start it)")) {
      try await f.lifecycle.kill("node1", signal: .kill)
    }
  }

  @Test func decommissionedNodesAreRefusedByName() async throws {
    let f = try await fixture(nodes: 2)
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    try f.lifecycle.record(.decommissioned, for: ["node2"])
    await #expect(throws: CCMError.self) {
      try await f.lifecycle.start(["node2"], options: StartOptions(readiness: .launched))
    }
    await #expect(
      throws: CCMError.nodeState(node: "node2", problem: "is already decommissioned")
    ) { try await f.lifecycle.decommission("node2") }
    // The cluster's start leaves it alone.
    #expect(
      try await f.lifecycle.start(nil, options: StartOptions(readiness: .launched)) == ["node1"])
  }

  @Test func aUserImageGetsItsDirectoriesAndNoRespawn() async throws {
    var knobs = SimulatedEngine.Knobs()
    knobs.imageUser = "scylla:scylla"
    knobs.imageTag = "localhost/img:2025.4"
    let f = try await fixture(knobs: knobs)
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    let profile = try #require(f.cluster.conf.imageProfile)
    #expect(profile.uid == 975 && profile.gid == 975 && profile.generation == .init(2025, 4))
    let spec = NodeContainerSpec.build(
      node: f.cluster.nodes[0], of: f.cluster, containerName: "n1", seeds: [],
      configDirectory: f.root, caller: .user(group: "1000"))
    // No chown prelude as the image's user: it could not.
    #expect(spec.entrypoint == nil)
    let mount = try #require(spec.volumes.first { $0.containerPath.hasPrefix("/etc/supervisord") })
    #expect(mount.access == .readOnly)
    let program = try String(contentsOfFile: mount.hostPath, encoding: .utf8)
    #expect(program.hasPrefix("[program:scylla]\nautorestart=false\n"))
    #expect(spec.command.joined(separator: " ").contains("--max-networking-io-control-blocks 1000"))
    // The copy helper carries its owner and went with its volumes.
    let create = try #require(f.runner.argvs.first { $0.dropFirst().first == "create" })
    #expect(create.contains { $0.hasPrefix("org.ccmsh.owner=") })
    #expect(f.runner.argvs.contains { $0.dropFirst().first == "rm" && $0.contains("--volumes") })
  }

  @Test func anExplicitAIOFlagWins() async throws {
    let f = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    let flags = NodeContainerSpec.imageFlags(
      ContainerSettings(imageFlags: [AIOBudget.flag: "200"]), seeds: [])
    #expect(flags[AIOBudget.flag] == "200")
    let plain = NodeContainerSpec.imageFlags(ContainerSettings(), seeds: [])
    #expect(plain[AIOBudget.flag] == String(AIOBudget.defaultNetworkingBlocks))
  }

  @Test func removeLeavesNoLockOrStagingBehind() async throws {
    let f = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: f.root) }
    try FileManager.default.createDirectory(
      atPath: f.root + "/.ccmsh-staging/old.image-conf.999999999.1",
      withIntermediateDirectories: true)
    try f.lifecycle.runtime.operations.remove("c1")
    let left = try FileManager.default.contentsOfDirectory(atPath: f.root)
    #expect(!left.contains(".ccmsh-locks") && !left.contains(".ccmsh-staging"))
  }
}

/// D13: errors in ccmsh's words for a missing program and a malformed image name.
@Suite struct EngineWordingTests {
  @Test(arguments: [
    (
      RuntimeKind.podman,
      "Error: crun: executable file `/nope` not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found"
    ),
    (
      RuntimeKind.docker,
      "OCI runtime exec failed: exec failed: unable to start container process: exec: \"/nope\": stat /nope: no such file or directory: unknown"
    ),
  ])
  func aMissingProgramIsExit127(kind: RuntimeKind, stderr: String) async throws {
    let runner = FakeProcessRunner { _ in .fail(kind == .podman ? 127 : 126, stderr) }
    let result = try await makeClient(kind, runner).exec("c1", ExecRequest(["/nope"]))
    #expect(result.exitCode == 127)
    #expect(result.standardError == "/nope: no such command in the container\n")
  }

  @Test func aMalformedImageNameIsAUsageError() async throws {
    let runner = FakeProcessRunner { _ in
      .fail(1, "Error response from daemon: no such image: Bad Image!!: invalid reference format")
    }
    await #expect(throws: CCMError.invalidArgument("'Bad Image!!' is not a valid image reference"))
    {
      _ = try await ImageCheck.ensure(
        "Bad Image!!", policy: .requirePresent, client: makeClient(.docker, runner))
    }
  }
}
