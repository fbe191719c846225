import Testing
import Yams

@testable import CCMCore

@Suite("Engine placement records")
struct EngineRecordTests {
  @Test func aNodeOnTheDefaultEngineHasNoKey() {
    var node = NodeConf(mapping: Node.Mapping([(Node("name"), Node("node1"))]))
    #expect(node.engine == nil)
    node.engine = .context("host2")
    #expect(node.mapping["ccmsh_engine"]?.scalarText == "host2")
    #expect(node.engine == .context("host2"))
    node.engine = nil
    #expect(node.mapping["ccmsh_engine"] == nil)
  }

  @Test func theClusterKeepsItsEnginesAndWhatItMadeOfASwarm() throws {
    var conf = ClusterConf(mapping: Node.Mapping([(Node("name"), Node("c1"))]))
    #expect(conf.engines.isEmpty && conf.swarmSetup == nil)
    conf.engines = [.url("unix:///run/d1.sock"), .url("ssh://ci@host2")]
    let setup = SwarmSetup(
      managerIndex: 0, createdSwarm: true, joinedIndices: [1], network: "ccm-c1",
      gatewayBridges: [1])
    conf.swarmSetup = setup
    // Through the file's text, as another ccmsh process reads it.
    let text = try Yams.serialize(node: .mapping(conf.mapping))
    let read = ClusterConf(mapping: try #require(try Yams.compose(yaml: text)?.mapping))
    #expect(read.engines == [.url("unix:///run/d1.sock"), .url("ssh://ci@host2")])
    #expect(read.swarmSetup == setup)
    conf.engines = []
    conf.swarmSetup = nil
    #expect(conf.mapping["ccmsh_engines"] == nil && conf.mapping["ccmsh_swarm"] == nil)
  }

  @Test func placementUsesEnginesInOrderThenPinnedOnes() throws {
    let placement = try EnginePlacement(
      engines: [.context("h1"), .context("h2")], pins: ["node3": .context("h0")],
      runtime: .docker)
    #expect(placement.used == [.context("h1"), .context("h2"), .context("h0")])
    #expect(placement.engine(forNode: "node3", index: 2) == .context("h0"))
    #expect(placement.engine(forNode: "node4", index: 3) == .context("h2"))
  }
}
