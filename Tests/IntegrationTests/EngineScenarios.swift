import Foundation
import Testing

@testable import CCMCore

/// The integration suite, written once and run against every engine (see EngineSuites.swift).
enum EngineScenario: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case networks
  case runWithVolumesLabelsEnvironment
  case exec
  case logsAndFollow
  case pauseAndUnpause
  case stopGentlyAndStartAgain
  case stopAfterTimeout
  case kill
  case listByLabelAndBatchInspect
  case partitionAndHeal
  case copyOutOfImage
  case images
  case remove
  case startFailures

  var testDescription: String { rawValue }

  func run(on kind: RuntimeKind) async throws {
    let client = try await Engines.client(kind)
    try await Sandbox(client, rawValue.lowercased()).run { sandbox in
      switch self {
      case .networks: try await Self.networks(sandbox)
      case .runWithVolumesLabelsEnvironment: try await Self.runWithVolumes(sandbox)
      case .exec: try await Self.exec(sandbox)
      case .logsAndFollow: try await Self.logsAndFollow(sandbox)
      case .pauseAndUnpause: try await Self.pauseAndUnpause(sandbox)
      case .stopGentlyAndStartAgain: try await Self.stopGently(sandbox)
      case .stopAfterTimeout: try await Self.stopAfterTimeout(sandbox)
      case .kill: try await Self.kill(sandbox)
      case .listByLabelAndBatchInspect: try await Self.listByLabel(sandbox)
      case .partitionAndHeal: try await Self.partitionAndHeal(sandbox)
      case .copyOutOfImage: try await Self.copyOutOfImage(sandbox)
      case .images: try await Self.images(sandbox)
      case .remove: try await Self.remove(sandbox)
      case .startFailures: try await Self.startFailures(sandbox)
      }
    }
  }

  static func networks(_ s: Sandbox) async throws {
    let (name, prefix) = try await s.network("net")
    #expect(try await s.client.networkExists(name))
    let info = try await s.client.inspectNetwork(name)
    #expect(info.name == name)
    #expect(info.subnets == ["\(prefix).0/24"])
    #expect(info.labels[Sandbox.labelKey] == s.id)
    #expect(try await s.client.listNetworks(labels: s.labels) == [name])
    await #expect {
      try await s.client.createNetwork(NetworkSpec(name: name, labels: s.labels))
    } throws: { error in
      guard case ContainerError.nameInUse = error else { return false }
      return true
    }
    try await s.client.removeNetwork(name)
    #expect(try await s.client.networkExists(name) == false)
    await #expect {
      try await s.client.removeNetwork(name)
    } throws: { error in
      guard case ContainerError.networkNotFound = error else { return false }
      return true
    }
  }

  static func runWithVolumes(_ s: Sandbox) async throws {
    try await withTemporaryDirectory { host in
      let (network, prefix) = try await s.network("net")
      let data = "\(host)/data"
      try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
      // A non-root image's server refuses a directory its user does not own.
      if try await !s.client.inspectImage(s.image).user.isEmpty, getuid() == 0 {
        #expect(chown(data, TestNodeScenario.imageUID, TestNodeScenario.imageUID) == 0)
      }
      var spec = s.node(
        "node1", network: NetworkAttachment(network: network, ipv4Address: "\(prefix).11"),
        environment: ["CCMSH_IT": "yes"],
        volumes: [VolumeMount(hostPath: data, containerPath: "/var/lib/scylla/data")],
        command: ["--seeds", "\(prefix).11", "--smp", "1"])
      spec.limits = ResourceLimits(cpus: 0.5, memoryBytes: 256 << 20)
      let id = try await s.client.run(spec)
      #expect(!id.isEmpty)
      try await s.waitForLog(spec.name, "Starting listening for CQL clients on \(prefix).11:9042")
      let info = try await s.client.inspect(spec.name)
      #expect(info.id.hasPrefix(id) || id.hasPrefix(info.id))
      #expect(info.name == spec.name)
      #expect(info.hostname == "node1")
      #expect(info.state.status == .running)
      #expect(info.labels[Sandbox.labelKey] == s.id)
      #expect(info.environment["CCMSH_IT"] == "yes")
      #expect(info.ipAddress(on: network) == "\(prefix).11")
      #expect(
        info.mounts.contains { $0.source == data && $0.destination == "/var/lib/scylla/data" })
      #expect(!info.imageID.isEmpty)
      #expect(info.limits == ResourceLimits(cpus: 0.5, memoryBytes: 256 << 20))
      // The node wrote its marker and host id through the bind mount.
      #expect(FileManager.default.fileExists(atPath: "\(data)/.ccmsh-test-node"))
      #expect(FileManager.default.fileExists(atPath: "\(data)/host_id"))
    }
  }

  static func exec(_ s: Sandbox) async throws {
    let spec = s.node("node1")
    _ = try await s.client.run(spec)
    try await s.waitForLog(spec.name, "init - serving")
    let exit3 = try await s.client.exec(
      spec.name, ExecRequest(["sh", "-c", "echo out; echo err >&2; exit 3"]))
    #expect(exit3 == ExecResult(exitCode: 3, standardOutput: "out\n", standardError: "err\n"))
    let piped = try await s.client.exec(
      spec.name,
      ExecRequest(
        ["sh", "-c", "cat; echo \"$X\"; pwd"], standardInput: "from stdin\n",
        environment: ["X": "env ok"], workingDirectory: "/etc/scylla"))
    #expect(piped.exitCode == 0)
    #expect(piped.standardOutput == "from stdin\nenv ok\n/etc/scylla\n")
    let status = try await s.client.exec(spec.name, ExecRequest(["nodetool", "status"]))
    #expect(status.exitCode == 0)
    #expect(status.standardOutput.contains("UN  "))
    let cql = try await s.client.exec(
      spec.name,
      ExecRequest(["cqlsh", "-e", "INSERT INTO ks.t (k, v) VALUES (1, 'one'); SELECT * FROM ks.t"]))
    #expect(cql.standardOutput.contains(" 1 | one"))
    // A deadline stops the engine's client process; nothing of it is left on the host.
    let start = ContinuousClock.now
    await #expect {
      _ = try await s.client.exec(spec.name, ExecRequest(["sleep", "30"], timeout: .seconds(1)))
    } throws: { error in
      guard case ContainerError.timedOut = error else { return false }
      return true
    }
    #expect(ContinuousClock.now - start < .seconds(10))
    #expect(hostProcesses(containing: ["exec", spec.name, "sleep"]).isEmpty)
    await #expect {
      _ = try await s.client.exec(s.name("missing"), ExecRequest(["true"]))
    } throws: { error in
      guard case ContainerError.containerNotFound = error else { return false }
      return true
    }
    // A program missing from a running container is the shell's 127, not an engine failure.
    let missing = try await s.client.exec(spec.name, ExecRequest(["ccmsh-no-such-command"]))
    #expect(missing.exitCode == 127)
    #expect(missing.standardError.contains("no such command in the container"))
  }

  static func logsAndFollow(_ s: Sandbox) async throws {
    let spec = s.node("node1")
    _ = try await s.client.run(spec)
    // The server's last start line comes after supervisord's RUNNING (startsecs 1 s).
    try await s.waitForLog(spec.name, "initialization completed.")
    let tail = try await s.client.logs(spec.name, options: LogOptions(tail: 2))
    #expect(tail.lines.count == 2)
    #expect(tail.lines.last?.contains("initialization completed.") == true)
    let all = try await s.client.logs(spec.name, options: LogOptions())
    #expect(all.lines.contains { $0.contains("init - Setting local host id to ") })
    let future = try await s.client.logs(
      spec.name, options: LogOptions(since: Date().addingTimeInterval(3600)))
    #expect(future.lines.isEmpty)
    // Follow: read the existing lines and one written afterwards, then stop reading.
    let start = ContinuousClock.now
    var seen: [String] = []
    for try await line in s.client.followLogs(spec.name, options: LogOptions(tail: 1)) {
      seen.append(line)
      if seen.count == 1 {
        _ = try await s.client.exec(
          spec.name, ExecRequest(["sh", "-c", "echo followed-line > /proc/1/fd/1"]))
      }
      if line.contains("followed-line") { break }
    }
    #expect(seen.count == 2)
    #expect(ContinuousClock.now - start < .seconds(20))
    // The follower process died with the loop.
    try await Task.sleep(for: .milliseconds(500))
    #expect(followers(of: spec.name).isEmpty, "a `logs --follow` process outlived its reader")
  }

  /// PIDs of running `logs --follow` processes for `container`.
  static func followers(of container: String) -> [String] {
    hostProcesses(containing: ["logs", "--follow", container])
  }

  /// PIDs of host processes whose argv contains every one of `words`.
  static func hostProcesses(containing words: [String]) -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.filter { $0.allSatisfy(\.isNumber) }.filter { pid in
      guard let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
        return false
      }
      let argv = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
      return words.allSatisfy(argv.contains)
    }
  }

  static func pauseAndUnpause(_ s: Sandbox) async throws {
    let spec = s.node("node1")
    _ = try await s.client.run(spec)
    try await s.waitForLog(spec.name, "init - serving")
    try await s.client.pause(spec.name)
    #expect(try await s.client.inspect(spec.name).state.status == .paused)
    #expect(try await s.client.list(labels: s.labels).first?.status == .paused)
    try await s.client.unpause(spec.name)
    #expect(try await s.client.inspect(spec.name).state.status == .running)
  }

  static func stopGently(_ s: Sandbox) async throws {
    let (network, prefix) = try await s.network("net")
    let spec = s.node(
      "node1", network: NetworkAttachment(network: network, ipv4Address: "\(prefix).21"))
    _ = try await s.client.run(spec)
    try await s.waitForLog(spec.name, "init - serving")
    let start = ContinuousClock.now
    try await s.client.stop(spec.name, timeout: .seconds(10))
    #expect(
      ContinuousClock.now - start < .seconds(8), "the node traps TERM; the 10 s grace is not used")
    let stopped = try await s.client.inspect(spec.name)
    #expect(stopped.state.status == .exited)
    #expect(stopped.state.exitCode == 0)
    #expect(
      try await s.client.logs(spec.name, options: LogOptions()).standardOutput
        .contains("shutdown complete"))
    try await s.client.start(spec.name)
    let restarted = try await s.waitForStatus(spec.name, .running)
    #expect(restarted.ipAddress(on: network) == "\(prefix).21")
  }

  static func stopAfterTimeout(_ s: Sandbox) async throws {
    let spec = s.node("stubborn", environment: ["SCYLLA_TEST_IGNORE_SIGTERM": "1"])
    _ = try await s.client.run(spec)
    try await s.waitForLog(spec.name, "init - serving")
    let start = ContinuousClock.now
    try await s.client.stop(spec.name, timeout: .seconds(1))
    let elapsed = ContinuousClock.now - start
    #expect(elapsed >= .seconds(1) && elapsed < .seconds(20))
    let info = try await s.client.inspect(spec.name)
    #expect(info.state.status == .exited)
    #expect(info.state.exitCode == 137)
  }

  static func kill(_ s: Sandbox) async throws {
    let spec = s.node("node1")
    _ = try await s.client.run(spec)
    try await s.waitForLog(spec.name, "init - serving")
    try await s.client.kill(spec.name, signal: .kill)
    let info = try await s.waitForStatus(spec.name, .exited)
    #expect(info.state.exitCode == 137)
    let gentle = s.node("node2")
    _ = try await s.client.run(gentle)
    try await s.waitForLog(gentle.name, "init - serving")
    try await s.client.kill(gentle.name, signal: .terminate)
    #expect(try await s.waitForStatus(gentle.name, .exited).state.exitCode == 0)
  }

  static func listByLabel(_ s: Sandbox) async throws {
    let (network, prefix) = try await s.network("net")
    var names: [String] = []
    for index in 1...2 {
      let spec = s.node(
        "node\(index)",
        network: NetworkAttachment(network: network, ipv4Address: "\(prefix).\(30 + index)"))
      _ = try await s.client.run(spec)
      names.append(spec.name)
    }
    let rows = try await s.client.list(labels: s.labels)
    #expect(Set(rows.map(\.name)) == Set(names))
    #expect(rows.allSatisfy { $0.status == .running && $0.networks == [network] })
    #expect(rows.allSatisfy { $0.labels[Sandbox.labelKey] == s.id })
    #expect(try await s.client.list(labels: s.labels.merging(["other": "x"]) { a, _ in a }).isEmpty)
    let infos = try await s.client.inspect(names + [s.name("missing")])
    #expect(infos.map { $0.ipAddress(on: network) } == ["\(prefix).31", "\(prefix).32"])
    let byLabel = try await s.client.inspect(labels: s.labels)
    #expect(
      Set(byLabel.compactMap { $0.ipAddress(on: network) }) == ["\(prefix).31", "\(prefix).32"])
    #expect(byLabel.allSatisfy { $0.state.status == .running })
  }

  static func partitionAndHeal(_ s: Sandbox) async throws {
    let (network, prefix) = try await s.network("net")
    let spec = s.node(
      "node1", network: NetworkAttachment(network: network, ipv4Address: "\(prefix).41"))
    _ = try await s.client.run(spec)
    try await s.client.disconnect(spec.name, from: network)
    #expect(try await s.client.inspect(spec.name).ipAddress(on: network) == nil)
    try await s.client.connect(
      spec.name,
      to: NetworkAttachment(network: network, ipv4Address: "\(prefix).41", aliases: ["n1"]))
    #expect(try await s.client.inspect(spec.name).ipAddress(on: network) == "\(prefix).41")
  }

  static func copyOutOfImage(_ s: Sandbox) async throws {
    try await withTemporaryDirectory { host in
      try await s.client.copyFromImage(Engines.testImage, path: "/etc/scylla/.", to: host)
      let yaml = try String(contentsOfFile: "\(host)/scylla.yaml", encoding: .utf8)
      #expect(yaml.contains("cluster_name:"))
      #expect(FileManager.default.fileExists(atPath: "\(host)/cassandra-rackdc.properties"))
      await #expect(throws: ContainerError.self) {
        try await s.client.copyFromImage(Engines.testImage, path: "/no/such/path", to: host)
      }
    }
  }

  static func images(_ s: Sandbox) async throws {
    #expect(try await s.client.imageExists(Engines.testImage))
    #expect(try await s.client.imageExists("localhost/ccmsh-no-such-image:1") == false)
    let info = try await s.client.inspectImage(Engines.testImage)
    #expect(!info.id.isEmpty)
    #expect(info.labels["org.ccmsh.test-image"]?.contains("busybox-static=") == true)
    await #expect {
      try await s.client.inspectImage("localhost/ccmsh-no-such-image:1")
    } throws: { error in
      guard case ContainerError.imageNotFound = error else { return false }
      return true
    }
    await #expect {
      try await s.client.pull("localhost/ccmsh-no-such-image:1")
    } throws: { error in
      guard case ContainerError.imageNotFound(let image, let failure) = error else { return false }
      return image == "localhost/ccmsh-no-such-image:1" && !failure.status.isSuccess
    }
  }

  static func remove(_ s: Sandbox) async throws {
    let spec = s.node("node1")
    _ = try await s.client.run(spec)
    await #expect(throws: ContainerError.self) {
      try await s.client.remove(spec.name, mode: .onlyIfStopped, volumes: .keep)
    }
    try await s.client.remove(spec.name, mode: .force, volumes: .remove)
    await #expect {
      _ = try await s.client.inspect(spec.name)
    } throws: { error in
      guard case ContainerError.containerNotFound(let name, _) = error else { return false }
      return name == spec.name
    }
    #expect(try await s.client.list(labels: s.labels).isEmpty)
  }

  static func startFailures(_ s: Sandbox) async throws {
    var missing = s.node("noimage")
    missing.image = "localhost/ccmsh-no-such-image:1"
    await #expect {
      _ = try await s.client.run(missing)
    } throws: { error in
      guard case ContainerError.imageNotFound = error else { return false }
      return true
    }
    // A server that fails at start does not end the container: the supervisor retries, then
    // gives up (FATAL) and stays.
    let spec = s.node("node1", environment: ["SCYLLA_TEST_CRASH_AT_START": "1"])
    _ = try await s.client.run(spec)
    await #expect {
      _ = try await s.client.run(spec)
    } throws: { error in
      guard case ContainerError.nameInUse = error else { return false }
      return true
    }
    try await s.waitForLog(spec.name, "gave up: scylla entered FATAL state")
    #expect(try await s.client.inspect(spec.name).state.status == .running)
    #expect(
      try await s.client.logs(spec.name, options: LogOptions()).standardOutput
        .contains("ERROR"))
    // A bad value of the entrypoint's own flag: argparse's usage and exit 2, nothing started.
    let badFlag = s.node("badflag", command: ["--developer-mode", "true"])
    _ = try await s.client.run(badFlag)
    #expect(try await s.waitForStatus(badFlag.name, .exited).state.exitCode == 2)
  }
}
