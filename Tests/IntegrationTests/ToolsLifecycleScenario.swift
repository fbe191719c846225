import CCMWait
import Foundation
import Testing

@testable import CCMCore

/// The tools on a cluster made by the lifecycle (`create --docker-image` + `start`), resolved
/// the way the commands resolve them: the "done when" path for the tools and faults.
enum ToolsLifecycleScenario {
  static func run(on kind: RuntimeKind) async throws {
    let client = try await Engines.client(kind)
    try await ClusterSandbox(kind, client: client).run { s in
      try await s.create("tools", nodes: 3)
      let lifecycle = try await s.lifecycle("tools")
      _ = try await lifecycle.start(nil, options: .test(.parallel))
      let runtime = lifecycle.runtime
      let nodes = try runtime.nodes()
      let cluster = try runtime.load()
      let network = try #require(cluster.conf.clusterNetwork)

      try await waitForCodes(from: nodes[1], ["UN", "UN", "UN"])
      let write = try await CQLShell.run(
        nodes[0], input: .statements("INSERT INTO ks.t (k, v) VALUES ('x', 7)"))
      #expect(write.succeeded, "\(write.standardError)")
      let read = try await CQLShell.run(nodes[0], input: .statements("SELECT * FROM ks.t"))
      #expect(CQLOutput.tables(read.standardOutput).first?.records == [["k": "x", "v": "7"]])

      let faults = NetworkFaults(
        client: runtime.client, network: network, clusterDirectory: cluster.directory)
      let containers = Dictionary(
        uniqueKeysWithValues: nodes.map { ($0.nodeName, $0.containerName) })
      _ = try await faults.partition([["node1", "node2"], ["node3"]], containers: containers)
      try await waitForCodes(from: nodes[0], ["UN", "UN", "DN"])
      #expect(try await faults.heal() == ["node3"])
      try await waitForCodes(from: nodes[2], ["UN", "UN", "UN"])

      try await lifecycle.stop(["node3"], mode: .gentle(timeout: .seconds(5)))
      try await waitForCodes(from: nodes[1], ["UN", "UN", "DN"])
      await #expect(throws: CCMError.nodeState(node: "node3", problem: "is not running (start it)"))
      {
        _ = try await Nodetool.run(nodes[2], ["status"])
      }
      try await lifecycle.removeCluster()
    }
  }

  /// Waits until `node`'s `nodetool status` codes, in address order, are `codes`.
  static func waitForCodes(from node: ContainerNodeBackend, _ codes: [String]) async throws {
    try await Wait.until(
      "\(node.nodeName): nodetool status \(codes)", policy: WaitPolicy(timeout: .seconds(60))
    ) {
      let rows = NodetoolStatus.parse(try await Nodetool.run(node, ["status"]).standardOutput)
      let seen = rows.sorted { $0.address < $1.address }.map(\.code)
      return seen == codes ? .done(()) : .pending(reason: "\(seen)")
    }
  }
}
