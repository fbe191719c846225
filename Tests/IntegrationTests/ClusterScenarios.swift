import CCMWait
import Foundation
import Testing

@testable import CCMCore

/// Container-cluster life cycles, written once and run on every engine (ClusterSuites.swift).
enum ClusterScenario: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case fullLifecycle
  case addRestartAndNodeRemove
  case updateconfAndRestart
  case twoClustersSideBySide
  case crashAtStart
  case missingImage
  case interruptedStart

  var testDescription: String { rawValue }

  func run(on kind: RuntimeKind) async throws {
    let client = try await Engines.client(kind)
    try await ClusterSandbox(kind, client: client).run { sandbox in
      switch self {
      case .fullLifecycle: try await Self.fullLifecycle(sandbox)
      case .addRestartAndNodeRemove: try await Self.addRestartAndNodeRemove(sandbox)
      case .updateconfAndRestart: try await Self.updateconfAndRestart(sandbox)
      case .twoClustersSideBySide: try await Self.twoClustersSideBySide(sandbox)
      case .crashAtStart: try await Self.crashAtStart(sandbox)
      case .missingImage: try await Self.missingImage(sandbox)
      case .interruptedStart: try await Self.interruptedStart(sandbox)
      }
    }
  }

  /// The acceptance line: create 3, start --wait-for-binary-proto, pause/resume, stop, status,
  /// remove; volumes reach the process, env and limits reach the container.
  static func fullLifecycle(_ sandbox: ClusterSandbox) async throws {
    let cluster = try await sandbox.create(
      sandbox.name("life"), nodes: 3,
      settings: ContainerSettings(environment: ["CCMSH_IT": "1"], memoryBytes: 256 << 20))
    let network = ContainerNames.network(
      cluster: sandbox.name("life"), configDirectory: sandbox.root)
    #expect(cluster.conf.clusterNetwork == network)
    #expect(cluster.conf.dockerImageID?.isEmpty == false)
    #expect(FileManager.default.fileExists(atPath: cluster.directory + "/image-conf/scylla.yaml"))
    let lifecycle = try await sandbox.lifecycle(sandbox.name("life"))
    let started = try await lifecycle.start(nil, options: .test())
    #expect(started == ["node1", "node2", "node3"])
    var status = try await lifecycle.status()
    #expect(status.nodes.map(\.word) == ["UP", "UP", "UP"])
    // The data volume reached the server: the test image leaves a marker there.
    #expect(
      FileManager.default.fileExists(atPath: cluster.directory + "/node1/data/.ccmsh-test-node"))
    let node1 = try sandbox.operations.store.load(sandbox.name("life")).nodes[0]
    let info = try await sandbox.client.inspect(try #require(node1.dockerName))
    #expect(info.environment["CCMSH_IT"] == "1")
    #expect(info.limits.memoryBytes == 256 << 20)
    #expect(info.ipAddress(on: network) == node1.storage?.host)

    try await lifecycle.pause("node2")
    #expect(try await lifecycle.status().nodes[1].word == "PAUSED")
    await #expect(throws: CCMError.self) { try await lifecycle.pause("node2") }
    try await lifecycle.resume("node2")
    try await lifecycle.stop(["node3"], mode: .gentle(timeout: .seconds(10)))
    status = try await lifecycle.status()
    #expect(status.nodes.map(\.word) == ["UP", "UP", "DOWN"])
    #expect(status.nodes[2].exitCode == 0)
    let log = NodeLogFile(nodeDirectory: cluster.directory + "/node1")
    #expect(log.text().contains(ReadyLines.binaryProtocol))
    try await lifecycle.removeCluster()
    #expect(!FileManager.default.fileExists(atPath: cluster.directory))
  }

  /// add a node to a running cluster and start it (it joins: the others notice it), restart
  /// reuses the container, `NODE remove` removes only that node.
  static func addRestartAndNodeRemove(_ sandbox: ClusterSandbox) async throws {
    try await sandbox.create(sandbox.name("grow"), nodes: 2)
    let lifecycle = try await sandbox.lifecycle(sandbox.name("grow"))
    try await lifecycle.start(nil, options: .test(.parallel))
    let added = try await sandbox.setup.add(
      NodeSpec(name: "node3"), to: sandbox.name("grow"), settings: ContainerSettings())
    let subnet = try #require(try sandbox.operations.store.load(sandbox.name("grow")).conf.subnet)
    #expect(subnet.contains(try #require(added.storage?.host)))
    try await lifecycle.start(["node3"], options: .test(otherNotice: .wait))
    let before = try await lifecycle.status().nodes.map(\.containerID)

    try await lifecycle.restart(["node1"], stopTimeout: .seconds(10), options: .test())
    let after = try await lifecycle.status()
    #expect(after.nodes.map(\.containerID) == before, "restart must reuse the container")
    #expect(after.nodes.map(\.word) == ["UP", "UP", "UP"])

    try await lifecycle.removeNode("node2")
    let remaining = try await lifecycle.status()
    #expect(remaining.nodes.map(\.name) == ["node1", "node3"])
    #expect(remaining.nodes.allSatisfy { $0.isLive })
    try await lifecycle.decommission("node3")
    #expect(try await lifecycle.status().nodes.map(\.word) == ["UP", "DECOMMISSIONED"])
    #expect(try await sandbox.client.inspect([before[1] ?? "-"]).isEmpty)
    try await lifecycle.removeCluster()
  }

  /// updateconf then restart: the container's /etc/scylla/scylla.yaml has the new value.
  static func updateconfAndRestart(_ sandbox: ClusterSandbox) async throws {
    try await sandbox.create(sandbox.name("conf"), nodes: 1)
    let lifecycle = try await sandbox.lifecycle(sandbox.name("conf"))
    try await lifecycle.start(nil, options: .test())
    // A CQL port of its own: the start waits for that port's CQL line and handshake.
    try sandbox.operations.updateConfiguration(
      ConfigUpdate(arguments: ["read_request_timeout_in_ms:12345", "native_transport_port:9043"]),
      cluster: sandbox.name("conf"))
    try await lifecycle.restart(nil, stopTimeout: .seconds(10), options: .test())
    let node = try lifecycle.runtime.node("node1")
    let yaml = try await node.exec(ExecRequest(["cat", "/etc/scylla/scylla.yaml"]))
    #expect(yaml.standardOutput.contains("read_request_timeout_in_ms: 12345"))
    #expect(node.logFile.text().contains(":9043"))

    // The container's stderr (where ScyllaDB logs) reaches system.log, in order with stdout.
    // The engine reads the two pipes apart (docker in two goroutines), so lines written within
    // microseconds may swap in its log; a pause between them makes the order the engine's.
    _ = try await node.exec(
      ExecRequest([
        "sh", "-c",
        "echo 'INFO on stdout before' > /proc/1/fd/1; sleep 0.3;"
          + " echo 'ERROR injected on stderr' > /proc/1/fd/2; sleep 0.3;"
          + " echo 'INFO on stdout after' > /proc/1/fd/1",
      ]))
    let injected = try await Wait.until("stderr line", policy: WaitPolicy(timeout: .seconds(20))) {
      let text = try await NodeLogs.text(node)
      return text.contains("INFO on stdout after") ? .done(text) : .pending(reason: "not yet")
    }
    let order = ["INFO on stdout before", "ERROR injected on stderr", "INFO on stdout after"]
      .compactMap { injected.range(of: $0)?.lowerBound }
    #expect(order.count == 3 && order == order.sorted())
    #expect(
      try await NodeLogs.errorLines(node).contains { $0.contains("ERROR injected on stderr") })

    // kill: the container stays up with the server EXITED (respawn is off for ccmsh's nodes).
    try await lifecycle.kill("node1", signal: .kill)
    let killed = try await Wait.until("node1 down", policy: WaitPolicy(timeout: .seconds(60))) {
      let word = try await lifecycle.status().nodes[0].word
      return word.hasPrefix("DOWN") ? .done(word) : .pending(reason: word)
    }
    #expect(killed == "DOWN (server EXITED)")
    // clear empties data in place; the next start reuses the container.
    let data = node.nodeDirectory + "/data"
    #expect(!(try FileManager.default.contentsOfDirectory(atPath: data)).isEmpty)
    try await lifecycle.clear(nil, scope: .dataAndLogs)
    #expect(try FileManager.default.contentsOfDirectory(atPath: data).isEmpty)
    let id = try await lifecycle.status().nodes[0].containerID
    try await lifecycle.start(nil, options: .test())
    #expect(try await lifecycle.status().nodes[0].containerID == id)
    // The reused container keeps its log; the cleared one does not get it back.
    #expect(try await NodeLogs.errorLines(node).isEmpty)
    #expect(!node.logFile.text().contains("INFO on stdout before"))
    try await lifecycle.removeCluster()
  }

  /// Two clusters at once: separate networks and addresses; removing one leaves the other up.
  static func twoClustersSideBySide(_ sandbox: ClusterSandbox) async throws {
    async let first: Cluster = sandbox.create(sandbox.name("left"), nodes: 2)
    async let second: Cluster = sandbox.create(sandbox.name("right"), nodes: 2)
    let (left, right) = try await (first, second)
    #expect(left.conf.subnet != right.conf.subnet)
    let leftCycle = try await sandbox.lifecycle(sandbox.name("left"))
    let rightCycle = try await sandbox.lifecycle(sandbox.name("right"))
    async let startLeft = leftCycle.start(nil, options: .test(.parallel))
    async let startRight = rightCycle.start(nil, options: .test(.parallel))
    _ = try await (startLeft, startRight)
    try await leftCycle.removeCluster()
    #expect(try await rightCycle.status().nodes.map(\.word) == ["UP", "UP"])
    try await rightCycle.removeCluster()
  }

  /// A node that crashes at start is reported at once (exit code and log lines, well before
  /// the timeout), and remove leaves nothing.
  static func crashAtStart(_ sandbox: ClusterSandbox) async throws {
    try await sandbox.create(
      sandbox.name("crash"), nodes: 2,
      settings: ContainerSettings(environment: ["SCYLLA_TEST_CRASH_AT_START": "1"]))
    let lifecycle = try await sandbox.lifecycle(sandbox.name("crash"))
    let clock = ContinuousClock()
    let started = clock.now
    do {
      try await lifecycle.start(nil, options: .test())
      Issue.record("start of a crashing node succeeded")
    } catch let CCMError.nodeExited(node, exitCode, lines) {
      #expect(node == "node1")
      #expect(exitCode == 1)
      #expect(lines.contains { $0.contains("SCYLLA_TEST_CRASH_AT_START") })
    } catch let CCMError.serverDied(node, _, lines) {
      // An image whose supervisor outlives the server: its `exited: scylla` line says it.
      #expect(node == "node1")
      #expect(lines.contains { $0.contains("SCYLLA_TEST_CRASH_AT_START") })
    }
    #expect(clock.now - started < .seconds(15))
    // supervisord retries a program that dies before `startsecs` whatever its autorestart
    // (BACKOFF, shown as STARTING), then gives up: FATAL, DOWN.
    let words = try await Wait.until("node1 DOWN", policy: WaitPolicy(timeout: .seconds(30))) {
      let words = try await lifecycle.status().nodes.map(\.word)
      return words[0].hasPrefix("DOWN") ? .done(words) : .pending(reason: "\(words)")
    }
    #expect(words == ["DOWN (server FATAL)", "DOWN (Not initialized)"], "\(words)")
    try await lifecycle.removeCluster()
  }

  /// A missing image: `imageNotFound`, no cluster directory, no network.
  static func missingImage(_ sandbox: ClusterSandbox) async throws {
    do {
      try await sandbox.create(
        sandbox.name("ghost"), nodes: 1, image: "localhost/ccmsh-no-such-image:1")
      Issue.record("create with a missing image succeeded")
    } catch let CCMError.imageNotFound(image, runtime) {
      #expect(image == "localhost/ccmsh-no-such-image:1")
      #expect(runtime == sandbox.kind.rawValue)
    }
    #expect(!sandbox.operations.store.exists(sandbox.name("ghost")))
    let network = ContainerNames.network(
      cluster: sandbox.name("ghost"), configDirectory: sandbox.root)
    #expect(try await !sandbox.client.networkExists(network))
  }

  /// A start cancelled midway (what Ctrl-C does in the REPL): status and remove still work
  /// and nothing is left.
  static func interruptedStart(_ sandbox: ClusterSandbox) async throws {
    try await sandbox.create(
      sandbox.name("cut"), nodes: 3,
      settings: ContainerSettings(environment: ["SCYLLA_TEST_BOOT_DELAY": "3"]))
    let lifecycle = try await sandbox.lifecycle(sandbox.name("cut"))
    let start = Task { try await lifecycle.start(nil, options: .test()) }
    try await Task.sleep(for: .milliseconds(800))
    start.cancel()
    _ = await start.result
    let status = try await lifecycle.status()
    #expect(status.nodes.count == 3)
    try await lifecycle.removeCluster()
  }
}
