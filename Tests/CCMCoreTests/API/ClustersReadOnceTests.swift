import Foundation
import Synchronization
import Testing

@testable import CCMCore

/// A command reads its cluster's files once: `Clusters` resolves the cluster, and the command's
/// first read is that snapshot; reads after the command wrote state go to disk again.
@Suite struct ClustersReadOnceTests {
  /// The store's events of one command, in order.
  final class EventLog: Sendable {
    private let events = Mutex<[StoreEvent]>([])
    func record(_ event: StoreEvent) { events.withLock { $0.append(event) } }
    var all: [StoreEvent] { events.withLock { $0 } }
    /// What happened before the command first took the cluster's lock (before any write).
    var beforeFirstWrite: [StoreEvent] {
      Array(all.prefix { if case .lock = $0 { false } else { true } })
    }
  }

  /// A command's entry over `fixture`'s config dir, its store observed by `log`.
  private func clusters(_ fixture: SimulatedCluster, _ log: EventLog) -> Clusters {
    let store = ClusterStore(root: fixture.root, observer: { log.record($0) })
    return Clusters(
      operations: ClusterOperations(store: store), environment: [:], runner: fixture.runner)
  }

  /// podman's inspect answer: every node's container in `status`.
  private func containers(_ fixture: SimulatedCluster, status: String) -> String {
    let entries = fixture.cluster.nodes.enumerated().map { index, node in
      let name = node.dockerName ?? ""
      return
        #"{"Id":"id-\#(name)","Name":"\#(name)","Image":"0123","State":{"Status":"\#(status)","ExitCode":0,"Pid":0},"Config":{"Hostname":"\#(node.name)","Image":"localhost/img:1","Labels":{},"Env":[]},"NetworkSettings":{"Networks":{"ccm-c1":{"IPAddress":"10.1.1.\#(index + 2)"}}},"Mounts":[]}"#
    }
    return "[" + entries.joined(separator: ",") + "]"
  }

  @Test func statusReadsTheFilesOnce() async throws {
    let fixture = try await SimulatedCluster.make(nodes: 3)
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    fixture.engine.update { $0.containers = containers(fixture, status: "running") }
    let log = EventLog()
    let handle = try await clusters(fixture, log).resolve("c1")
    let status = try await #require(handle.containers).status()
    #expect(status.nodes.count == 3)
    #expect(log.all == [.read(cluster: "c1")])
  }

  @Test func startReadsTheFilesOnceBeforeItWrites() async throws {
    let fixture = try await SimulatedCluster.make(nodes: 2)
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    let log = EventLog()
    let started = try await clusters(fixture, log).container("c1").lifecycle.start(
      nil, options: StartOptions(readiness: .launched))
    #expect(started == ["node1", "node2"])
    #expect(log.beforeFirstWrite == [.read(cluster: "c1")])
    #expect(log.all.contains(.lock(cluster: "c1")))
  }

  @Test func stopReadsTheFilesOnceBeforeItWrites() async throws {
    let fixture = try await SimulatedCluster.make(nodes: 2)
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    fixture.engine.update { $0.containers = containers(fixture, status: "running") }
    let log = EventLog()
    try await clusters(fixture, log).container("c1").lifecycle.stop(nil, mode: .immediate)
    #expect(log.beforeFirstWrite == [.read(cluster: "c1")])
    // The write reads the files again under the lock (another process may have written).
    #expect(
      log.all.prefix(3) == [.read(cluster: "c1"), .lock(cluster: "c1"), .read(cluster: "c1")])
    #expect(try fixture.lifecycle.runtime.load().nodes.allSatisfy { $0.status == .down })
  }

  @Test func partitionReadsTheFilesOnce() async throws {
    let fixture = try await SimulatedCluster.make(nodes: 3)
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    fixture.engine.update { $0.containers = containers(fixture, status: "running") }
    let log = EventLog()
    let (groups, record) = try await clusters(fixture, log).container("c1")
      .partition(["node1,node2", "node3"])
    #expect(groups == [["node1", "node2"], ["node3"]])
    #expect(record.isolated.map(\.node) == ["node3"])
    #expect(log.all == [.read(cluster: "c1")])
  }

  @Test func aNodeToolAfterStatusReadsNothingMore() async throws {
    let fixture = try await SimulatedCluster.make(nodes: 2)
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    fixture.engine.update { $0.containers = containers(fixture, status: "running") }
    let log = EventLog()
    let container = try await clusters(fixture, log).container("c1")
    _ = try await container.lifecycle.status()
    let backend = try container.resolvedNode("node2")
    #expect(backend.nodeName == "node2")
    #expect(backend.containerName == fixture.cluster.nodes[1].dockerName)
    #expect(throws: CCMError.self) { try container.resolvedNode("node9") }
    #expect(log.all == [.read(cluster: "c1")])
  }

  @Test func aReadAfterTheCommandWroteSeesTheWrite() async throws {
    let fixture = try await SimulatedCluster.make(nodes: 1)
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    let log = EventLog()
    let container = try await clusters(fixture, log).container("c1")
    try container.modify { (cluster: inout Cluster) throws(CCMError) in
      cluster.nodes[0].status = .decommissioned
    }
    let status = try await container.lifecycle.status()
    #expect(status.nodes.map(\.recorded) == [.decommissioned])
    #expect(log.all.last == .read(cluster: "c1"))
  }

  @Test func restartsStartReadsWhatItsStopWrote() async throws {
    let fixture = try await SimulatedCluster.make(nodes: 1)
    defer { try? FileManager.default.removeItem(atPath: fixture.root) }
    fixture.engine.update { $0.containers = containers(fixture, status: "running") }
    let log = EventLog()
    let lifecycle = try await clusters(fixture, log).container("c1").lifecycle
    try await lifecycle.stop(nil, mode: .immediate)
    let reads = log.all.filter { if case .read = $0 { true } else { false } }.count
    // The snapshot went to the stop; the next operation reads the files the stop wrote.
    _ = try await lifecycle.status()
    #expect(log.all.filter { if case .read = $0 { true } else { false } }.count == reads + 1)
  }
}
