import CCMWait
import Foundation
import Testing

@testable import CCMCore

/// Node state on real engines: a killed server stays down until `start`, a server that exited in
/// a running container is DOWN and comes back with `start`, a crash loop is never UP, the
/// directories belong to the image's user, and an AIO shortfall is refused before anything runs.
///
/// Written for the test node image's real-contract flavours (supervisord semantics, a `USER`
/// on 2025.4); steps that need them are skipped with a note on the first test node image.
enum NodeStateScenario: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case killStaysDownUntilStart
  case exitedServerIsDownUntilStart
  case stoppedByScyllaCCMIsDown
  case crashLoopIsNeverUp
  case ownershipAndRemove
  case certificatesAreReadableInTheNode
  case aioShortfallIsRefused

  var testDescription: String { rawValue }

  func run(on kind: RuntimeKind) async throws {
    let client = try await Engines.client(kind)
    try await ClusterSandbox(kind, client: client).run { sandbox in
      switch self {
      case .killStaysDownUntilStart: try await Self.killStaysDownUntilStart(sandbox)
      case .exitedServerIsDownUntilStart: try await Self.exitedServerIsDownUntilStart(sandbox)
      case .stoppedByScyllaCCMIsDown: try await Self.stoppedByScyllaCCMIsDown(sandbox)
      case .crashLoopIsNeverUp: try await Self.crashLoopIsNeverUp(sandbox)
      case .ownershipAndRemove: try await Self.ownershipAndRemove(sandbox)
      case .certificatesAreReadableInTheNode:
        try await Self.certificatesAreReadableInTheNode(sandbox)
      case .aioShortfallIsRefused: try await Self.aioShortfallIsRefused(sandbox)
      }
    }
  }

  /// Starts without a log wait and waits until `status` says every node is UP: what is
  /// checked here is the node's state, whichever stream the server logs on.
  @discardableResult
  static func startUntilUp(_ lifecycle: ContainerLifecycle) async throws -> [String] {
    let started = try await lifecycle.start(nil, options: .test(readiness: .launched))
    try await Wait.until("every node UP", policy: WaitPolicy(timeout: .seconds(60))) {
      let words = try await lifecycle.status().nodes.map(\.word)
      return words.allSatisfy { $0 == "UP" } ? .done(()) : .pending(reason: "\(words)")
    }
    return started
  }

  /// `kill` returns with the server down, and it is still down seconds later (no respawn).
  static func killStaysDownUntilStart(_ sandbox: ClusterSandbox) async throws {
    try await sandbox.create(sandbox.name("kill"), nodes: 1)
    let lifecycle = try await sandbox.lifecycle(sandbox.name("kill"))
    try await startUntilUp(lifecycle)
    try await lifecycle.kill("node1", signal: .kill)
    #expect(try await lifecycle.status().nodes[0].word.hasPrefix("DOWN"))
    try await Task.sleep(for: .seconds(3))
    #expect(try await lifecycle.status().nodes[0].word.hasPrefix("DOWN"))
    #expect(try await startUntilUp(lifecycle) == ["node1"])
    // Killed while supervisord still counts it as starting (a failed start, which it respawns
    // whatever autorestart says): the node still stays down.
    try await lifecycle.kill("node1", signal: .kill)
    _ = try await lifecycle.start(nil, options: .test(readiness: .launched))
    try await Task.sleep(for: .milliseconds(300))
    try await lifecycle.kill("node1", signal: .kill)
    try await Task.sleep(for: .seconds(3))
    let after = try await lifecycle.status().nodes[0].word
    #expect(after.hasPrefix("DOWN"), "killed while starting, then: \(after)")
    try await lifecycle.removeCluster()
  }

  /// SIGTERM ends the server cleanly: with supervisord the container stays up with the server
  /// EXITED, which is DOWN, and `start` brings it back in the same container.
  static func exitedServerIsDownUntilStart(_ sandbox: ClusterSandbox) async throws {
    try await sandbox.create(sandbox.name("term"), nodes: 1)
    let lifecycle = try await sandbox.lifecycle(sandbox.name("term"))
    try await startUntilUp(lifecycle)
    let before = try await lifecycle.status().nodes[0].containerID
    try await lifecycle.kill("node1", signal: .terminate)
    let down = try await lifecycle.status().nodes[0]
    #expect(down.word.hasPrefix("DOWN"), "after kill TERM: \(down.word)")
    #expect(!down.isLive)
    #expect(try await startUntilUp(lifecycle) == ["node1"])
    let up = try await lifecycle.status().nodes[0]
    #expect(up.word == "UP")
    #expect(down.word == "DOWN (server EXITED)")
    #expect(up.containerID == before, "the server came back in its container")
    try await lifecycle.removeCluster()
  }

  /// scylla-ccm's `ccm node1 stop` runs `supervisorctl stop scylla` and leaves the container
  /// running: ccmsh's status and liveset read the server's state, not only the container's, and
  /// ccmsh's start brings the server back.
  static func stoppedByScyllaCCMIsDown(_ sandbox: ClusterSandbox) async throws {
    try await sandbox.create(sandbox.name("sup"), nodes: 1)
    let lifecycle = try await sandbox.lifecycle(sandbox.name("sup"))
    try await startUntilUp(lifecycle)
    let node = try await lifecycle.status().nodes[0]
    let stop = try await sandbox.client.exec(
      node.containerName, ExecRequest(["supervisorctl", "stop", "scylla"], timeout: .seconds(60)))
    guard stop.exitCode == 0 else {
      Issue.record("supervisorctl stop: \(stop.exitCode) \(stop.standardError)")
      return try await lifecycle.removeCluster()
    }
    let down = try await lifecycle.status().nodes[0]
    #expect(down.word == "DOWN (server STOPPED)", "after supervisorctl stop: \(down.word)")
    #expect(!down.isLive)
    #expect(try await startUntilUp(lifecycle) == ["node1"])
    #expect(try await lifecycle.status().nodes[0].containerID == node.containerID)
    try await lifecycle.removeCluster()
  }

  /// A server that fails at start is never UP: ccmsh's program file turns the supervisor's
  /// retries off (`startretries=0`), so it is DOWN (FATAL) at once.
  static func crashLoopIsNeverUp(_ sandbox: ClusterSandbox) async throws {
    try await sandbox.create(
      sandbox.name("loop"), nodes: 1,
      settings: ContainerSettings(environment: ["SCYLLA_TEST_CRASH_AT_START": "1"]))
    let lifecycle = try await sandbox.lifecycle(sandbox.name("loop"))
    try await lifecycle.start(nil, options: .test(readiness: .launched))
    var words: [String] = []
    let clock = ContinuousClock()
    let end = clock.now + .seconds(8)
    while clock.now < end {
      let word = try await lifecycle.status().nodes[0].word
      words.append(word)
      if word.hasPrefix("DOWN") { break }
      try await Task.sleep(for: .milliseconds(200))
    }
    // Under supervisord a server is STARTING until it has stayed up `startsecs`.
    #expect(!words.contains("UP"), "status said UP for a crashing server: \(words)")
    #expect(words.last?.hasPrefix("DOWN") == true, "\(words)")
    try await lifecycle.removeCluster()
  }

  /// The node's directories belong to the image's user (975 on the 2025.4 flavour), nothing is
  /// world-writable, and remove leaves nothing.
  static func ownershipAndRemove(_ sandbox: ClusterSandbox) async throws {
    let cluster = try await sandbox.create(sandbox.name("own"), nodes: 1)
    let lifecycle = try await sandbox.lifecycle(sandbox.name("own"))
    try await startUntilUp(lifecycle)
    let profile = try #require(cluster.conf.imageProfile)
    let data = cluster.directory + "/node1/data"
    var info = stat()
    #expect(stat(data, &info) == 0)
    if getuid() == 0 { #expect(info.st_uid == profile.uid, "owner of \(data)") }
    let files = FileManager.default.enumerator(atPath: cluster.directory + "/node1")
    while let entry = files?.nextObject() as? String {
      var entryInfo = stat()
      guard lstat(cluster.directory + "/node1/" + entry, &entryInfo) == 0 else { continue }
      #expect(entryInfo.st_mode & S_IWOTH == 0, "\(entry) is world-writable")
    }
    try await lifecycle.removeCluster()
    #expect(!FileManager.default.fileExists(atPath: cluster.directory))
  }

  /// `create --ssl --require_client_auth --node-ssl --pwd-auth`: in the running node, every file
  /// its scylla.yaml names is there and readable by the image's user, and none is open to
  /// others.
  static func certificatesAreReadableInTheNode(_ sandbox: ClusterSandbox) async throws {
    let certificates = sandbox.root + "-certs"
    try FileManager.default.createDirectory(
      atPath: certificates, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: certificates) }
    for name in ["ccm_node.pem", "ccm_node.key", "ccm_node.cer", "trust.pem"] {
      try "not a real \(name)\n".write(
        toFile: certificates + "/" + name, atomically: true, encoding: .utf8)
    }
    let name = sandbox.name("tls")
    var spec = ClusterSpec(
      name: name, source: .container(image: Engines.testImage, runtime: nil, baseConfig: nil),
      nodeCount: try NodeCount(parsing: "1"))
    spec.security = ClusterSecurity(
      clientDirectory: certificates, requireClientAuth: true, nodeDirectory: certificates,
      passwordAuth: true)
    let cluster = try await sandbox.setup.create(
      spec, settings: ContainerSettings(), pull: .requirePresent)
    let lifecycle = try await sandbox.lifecycle(name)
    try await startUntilUp(lifecycle)
    let yaml = try YAMLFile.readMapping(cluster.nodeDirectory("node1") + "/conf/scylla.yaml")
    let paths = ["client_encryption_options", "server_encryption_options"].flatMap { key in
      (yaml[key]?.mapping?.compactMap { $0.value.scalarText } ?? []).filter { $0.hasPrefix("/") }
    }
    #expect(paths.count == 6, "\(paths)")
    let profile = try #require(try sandbox.operations.store.load(name).conf.imageProfile)
    let container = try await lifecycle.status().nodes[0].containerName
    // As the image's user; `stat` prints the mode so a world-readable key shows too.
    let script = paths.map { "test -r \($0) && stat -c '%a %n' \($0) || echo UNREADABLE \($0)" }
      .joined(separator: "; ")
    let result = try await sandbox.client.exec(
      container,
      ExecRequest(
        ["sh", "-c", script], user: "\(profile.uid):\(profile.gid)", timeout: .seconds(30)))
    #expect(result.exitCode == 0, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.count == paths.count, "\(result.standardOutput)")
    for line in lines {
      #expect(!line.hasPrefix("UNREADABLE"), "\(line)")
      let mode = line.split(separator: " ").first.flatMap { Int($0, radix: 8) } ?? 0o777
      #expect(mode & 0o007 == 0, "open to others: \(line)")
    }
    try await lifecycle.removeCluster()
  }

  /// Nodes asking for more AIO contexts than the host has left are refused before any
  /// container runs, with the sysctl to run.
  static func aioShortfallIsRefused(_ sandbox: ClusterSandbox) async throws {
    guard let capacity = AIOBudget.hostCapacity() else { return }
    try await sandbox.create(
      sandbox.name("aio"), nodes: 2,
      settings: ContainerSettings(imageFlags: [AIOBudget.flag: String(capacity.max)]))
    let lifecycle = try await sandbox.lifecycle(sandbox.name("aio"))
    let clock = ContinuousClock()
    let started = clock.now
    do {
      try await lifecycle.start(nil, options: .test())
      Issue.record("a start beyond fs.aio-max-nr succeeded")
    } catch let CCMError.hostLimit(_, problem) {
      // A host limit, not the node's fault: `run --bisect` counts it as infrastructure (125).
      #expect(problem.contains("sysctl -w fs.aio-max-nr="), "\(problem)")
    }
    #expect(clock.now - started < .seconds(5))
    #expect(try await sandbox.client.list(labels: sandbox.labels).isEmpty)
    try await lifecycle.removeCluster()
  }
}

@Suite(
  "Podman node state", .tags(.container, .podman),
  .enabled("podman answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.podman)
  })
struct PodmanNodeStateTests {
  @Test(arguments: NodeStateScenario.allCases)
  func scenario(_ scenario: NodeStateScenario) async throws {
    try await EngineSlots.run { try await scenario.run(on: .podman) }
  }
}

@Suite(
  "Docker node state", .tags(.container, .docker),
  .enabled("docker answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.docker)
  })
struct DockerNodeStateTests {
  @Test(arguments: NodeStateScenario.allCases)
  func scenario(_ scenario: NodeStateScenario) async throws {
    try await EngineSlots.run { try await scenario.run(on: .docker) }
  }
}
