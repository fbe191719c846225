import CCMWait
import Foundation
import Testing

@testable import CCMCore

/// start and clear against a simulated podman: a paused node is resumed and awaited, the CQL
/// probe uses the node's configured port, `clear -a` does not bring old logs back, and a server
/// that dies in a running container fails the wait at once.
@Suite struct StartWaitTests {
  private struct Fixture {
    let root: String
    let engine: SimulatedEngine
    let runner: FakeProcessRunner
    let lifecycle: ContainerLifecycle
    let name: String
  }

  private func fixture() async throws -> Fixture {
    let root = try temporaryConfigDirectory()
    let engine = SimulatedEngine()
    let runner = engine.makeRunner()
    let operations = ClusterOperations(store: ClusterStore(root: root))
    let cluster = try await ContainerClusterSetup(
      operations: operations, environment: [:], runner: runner
    ).create(.testContainer("c1", nodes: 1), settings: .init(), pull: .requirePresent)
    let runtime = try await ClusterRuntime.resolve(
      operations, cluster: "c1", environment: [:], runner: runner)
    // The fixture's life-cycle serves many commands, so every operation reads the files.
    runtime.resolved.discard()
    return Fixture(
      root: root, engine: engine, runner: runner, lifecycle: ContainerLifecycle(runtime: runtime),
      name: cluster.nodes[0].dockerName ?? "")
  }

  /// podman's inspect answer for the node's container; 203.0.113.9 is on no local interface,
  /// so the CQL probe runs inside the node (through the fake's `exec`).
  private func container(_ name: String, status: String, root: String) -> String {
    let network = ContainerNames.network(cluster: "c1", configDirectory: root)
    return #"[{"Id":"id-\#(name)","Name":"\#(name)","Image":"0123","#
      + #""State":{"Status":"\#(status)","ExitCode":0,"Pid":1},"#
      + #""Config":{"Hostname":"node1","Image":"localhost/img:1","Labels":{},"Env":[]},"#
      + #""NetworkSettings":{"Networks":{"\#(network)":{"IPAddress":"203.0.113.9"}}},"#
      + #""Mounts":[]}]"#
  }

  @Test func aPausedNodeIsResumedAndAwaitedOnItsConfiguredCQLPort() async throws {
    let fixture = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    let yamlPath = fixture.root + "/c1/node1/conf/scylla.yaml"
    let yaml = try String(contentsOfFile: yamlPath, encoding: .utf8)
    try yaml.replacingOccurrences(
      of: "native_transport_port: 9042", with: "native_transport_port: 9043"
    )
    .write(toFile: yamlPath, atomically: true, encoding: .utf8)
    fixture.engine.update {
      $0.containers = container(fixture.name, status: "paused", root: fixture.root)
    }
    let started = try await fixture.lifecycle.start(
      nil, options: StartOptions(readiness: .binaryProtocol, timeout: .seconds(5)))
    #expect(started == ["node1"])
    let verbs = fixture.runner.argvs.map { Array($0.dropFirst()) }
    #expect(verbs.contains(["unpause", fixture.name]))
    let probe = try #require(verbs.first { $0.first == "exec" })
    #expect(probe.contains("cqlsh") && probe.contains("203.0.113.9") && probe.contains("9043"))
    #expect(!verbs.contains { $0.first == "start" || $0.first == "run" })
  }

  @Test func clearWithLogsDoesNotBringTheOldLogsBack() async throws {
    let fixture = try await fixture()
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    fixture.engine.update {
      $0.containers = container(fixture.name, status: "exited", root: fixture.root)
      $0.logs = "INFO boot\nERROR old boom\n"
    }
    let backend = try fixture.lifecycle.runtime.node("node1")
    try await backend.syncLog()
    #expect(try await NodeLogs.errorLines(backend).count == 1)
    try await fixture.lifecycle.clear("node1", scope: .dataAndLogs)
    fixture.engine.update { $0.logs = "INFO boot\nERROR old boom\nINFO new run\n" }
    #expect(try await NodeLogs.errorLines(backend).isEmpty)
    #expect(backend.logFile.text() == "INFO new run\n")
  }

  @Test func aServerThatDiesInARunningContainerFailsTheWaitAtOnce() async throws {
    let directory = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let old = "2026-12-02 17:00:00,000 INFO exited: scylla (exit status 1; not expected)\n"
    let engine = SimulatedEngine(
      .init(
        containers: ContainerDecodingTests.podmanInspect,
        logs: old + "ERROR bad option --foo\n"
          + "2026-12-02 18:00:00,123 INFO exited: scylla (exit status 1; not expected)\n"))
    let sync = LogSync(
      client: makeClient(.podman, engine.makeRunner()), container: "node2",
      file: NodeLogFile(nodeDirectory: directory))
    let clock = ContinuousClock()
    let started = clock.now
    do {
      _ = try await NodeLog(node: "node2", sync: sync).waitFor(
        .line("never", describing: "ready line"), after: .start, streamOffset: old.utf8.count,
        policy: WaitPolicy(timeout: .seconds(30)))
      Issue.record("no error")
    } catch CCMError.serverDied(let node, let how, let lines) {
      #expect(node == "node2" && how == "exit status 1; not expected")
      #expect(lines.contains("ERROR bad option --foo"))
    }
    #expect(clock.now - started < .seconds(5))
  }

  @Test func aLargeLogSyncsInPiecesAndOnlyOnce() async throws {
    let directory = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let line = String(repeating: "x", count: 199)
    let big = String(repeating: line + "\n", count: 6_000)  // 1.2 MB: more than one flush
    let engine = SimulatedEngine(.init(logs: big))
    let sync = LogSync(
      client: makeClient(.podman, engine.makeRunner()), container: "n",
      file: NodeLogFile(nodeDirectory: directory))
    #expect(try await sync.sync() == big.utf8.count)
    #expect(try await sync.sync() == 0)
    engine.update { $0.logs = big + "tail\n" }
    #expect(try await sync.sync() == 5)
    #expect(sync.file.mark().offset == UInt64(big.utf8.count + 5))
  }
}
