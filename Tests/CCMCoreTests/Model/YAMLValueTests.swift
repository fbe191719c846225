import Foundation
import Testing
import Yams

@testable import CCMCore

/// The model's value tree: a state file read into it and written back is the same file, and it
/// may cross task boundaries.
@Suite struct YAMLValueTests {
  @Test func everyFixtureStateFileRoundTripsByteForByte() throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    try tree.installClusters()
    let files = FileManager.default.enumerator(atPath: tree.configDirectory)
    var checked = 0
    while let relative = files?.nextObject() as? String {
      guard relative.hasSuffix(".conf") || relative.hasSuffix(".yaml") else { continue }
      let text = try tree.read(relative)
      let read = YAMLMapping(try YAMLFile.parseMapping(text, file: relative))
      #expect(try YAMLFile.render(read.node) == text, "\(relative)")
      checked += 1
    }
    #expect(checked > 20)
  }

  @Test func quotingIsKeptButIsNoChange() throws {
    let text = "a: '7199'\nb: 7199\nc:\n"
    let read = YAMLMapping(try YAMLFile.parseMapping(text, file: "t"))
    #expect(read["a"]?.text == "7199" && read["b"]?.text == "7199" && read["c"]?.text == nil)
    #expect(read["a"] != read["b"])  // a string and an int
    var restyled = read
    restyled["a"] = YAMLValue(Node("7199", Tag(.str), .doubleQuoted))
    #expect(restyled == read)
    #expect(try YAMLFile.render(restyled.node) == "a: \"7199\"\nb: 7199\nc:\n")
  }

  @Test func setKeysKeepTheirPlaceAndNewOnesComeLast() throws {
    var mapping = YAMLMapping(try YAMLFile.parseMapping("a: 1\nb: 2\n", file: "t"))
    mapping["a"] = YAMLValue(YAMLScalar.int(3))
    mapping["z"] = YAMLValue(YAMLScalar.string("x"))
    mapping["b"] = nil
    #expect(mapping.keys == ["a", "z"])
    #expect(try YAMLFile.render(mapping.node) == "a: 3\nz: x\n")
  }

  @Test func aLoadedClusterIsSendable() async throws {
    let tree = try FixtureTree()
    defer { tree.remove() }
    try tree.installClusters()
    let cluster = try ClusterStore(root: tree.configDirectory).load("dock3")
    let names = await Task.detached { cluster.nodes.map(\.name) }.value
    #expect(names == ["node1", "node2", "node3"])
  }
}
