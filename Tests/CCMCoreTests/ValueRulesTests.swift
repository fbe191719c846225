import Testing
import Yams

@testable import CCMCore

/// Names, node counts, tokens, settings and the overlay rules.
@Suite struct ValueRulesTests {
  @Test(arguments: ["c1", "my_cluster.v2", "a-b", "N0de"])
  func acceptsValidNames(name: String) throws {
    #expect(try EntityName.validate(name, as: .cluster) == name)
  }

  @Test(arguments: ["", ".", "..", "a..b", "a/b", "../x", "a b", "ü", "a:b", ".hidden", "-x", "_a"])
  func rejectsInvalidNames(name: String) {
    #expect(throws: CCMError.invalidName(kind: .node, name: name)) {
      try EntityName.validate(name, as: .node)
    }
  }

  @Test(arguments: ["CURRENT", "repository", "scylla-repository", "config"])
  func rejectsReservedClusterNames(name: String) throws {
    #expect(throws: CCMError.reservedName(name)) { try EntityName.validate(name, as: .cluster) }
    #expect(try EntityName.validate(name, as: .node) == name)
  }

  @Test func parsesNodeCounts() throws {
    #expect(try NodeCount(parsing: "3").perDataCenter == [3])
    #expect(try NodeCount(parsing: "2:1:4").perDataCenter == [2, 1, 4])
    #expect(try NodeCount(parsing: "2:1").isMultiDataCenter)
    // The harnesses' `-n 1:0`: a second DC with no node yet.
    #expect(try NodeCount(parsing: "1:0").perDataCenter == [1, 0])
    #expect(TokenAllocation.balancedTokens(for: NodeCount(perDataCenter: [1, 0])).count == 1)
  }

  @Test(arguments: ["", "0", "0:0", "-1", "a", "3:", ":3", "2::1", "1.5", "1:-1"])
  func rejectsMalformedNodeCounts(text: String) {
    #expect(throws: CCMError.malformedNodeCount(text)) { try NodeCount(parsing: text) }
  }

  @Test func balancesTokensLikeScyllaCCM() {
    #expect(
      TokenAllocation.balancedTokens(for: NodeCount(perDataCenter: [3])) == [
        -9_223_372_036_854_775_808, -3_074_457_345_618_258_603, 3_074_457_345_618_258_602,
      ])
    #expect(
      TokenAllocation.balancedTokens(for: NodeCount(perDataCenter: [2, 1])) == [
        -9_223_372_036_854_775_808, 0, -9_223_372_036_854_775_708,
      ])
  }

  @Test func parsesSettings() throws {
    let settings = try SettingParser.parse([
      "a:TRUE", "b:5000", "c:[x, y]", "d.e:false", "d.f:text", "g:",
    ])
    let text = try YAMLFile.render(settings)
    #expect(text == "a: true\nb: 5000\nc:\n- x\n- y\nd:\n  e: false\n  f: text\ng:\n")
  }

  @Test(arguments: ["novalue", ":5", "a:[1,", "a:{", ".a:1"])
  func rejectsMalformedSettings(argument: String) {
    #expect(throws: CCMError.malformedSetting(argument)) { try SettingParser.parse([argument]) }
  }

  @Test func overlayDeletesOnNullMergesMapsAndReplacesTheRest() throws {
    var yaml = try YAMLFile.parseMapping(
      "a: 1\nb:\n  x: 1\n  y: 2\nc: keep\nd: gone\n", file: "base")
    let options = try YAMLFile.parseMapping("a: 2\nb:\n  y: 3\n  z: 4\nd:\ne: new\n", file: "o")
    ConfigOverlay.apply(options, to: &yaml)
    #expect(try YAMLFile.render(yaml) == "a: 2\nb:\n  x: 1\n  y: 3\n  z: 4\nc: keep\ne: new\n")
  }

  @Test func nodeOptionsWinOverClusterOptions() throws {
    let cluster = try YAMLFile.parseMapping("a: 1\nb: 1\n", file: "c")
    let node = try YAMLFile.parseMapping("b: 2\nc: 3\n", file: "n")
    let combined = ConfigOverlay.combined(cluster: cluster, node: node)
    #expect(try YAMLFile.render(combined) == "a: 1\nb: 2\nc: 3\n")
  }

  @Test func mergeIsRecursiveAndKeepsNulls() throws {
    let original = try YAMLFile.parseMapping("m:\n  a: 1\n  n:\n    x: 1\nk: 1\n", file: "o")
    let changes = try YAMLFile.parseMapping("m:\n  n:\n    y: 2\nk:\n", file: "c")
    let merged = ConfigOverlay.merge(changes, into: original)
    #expect(try YAMLFile.render(merged) == "m:\n  a: 1\n  n:\n    x: 1\n    y: 2\nk:\n")
  }

  @Test func volumeTableIsTheSeedDesignTable() {
    #expect(
      ContainerVolumes.all.map(\.hostSubdirectory) == [
        "conf", "data", "commitlogs", "hints", "view_hints", "saved_caches", "keys", "logs",
      ])
    #expect(ContainerVolumes.conf.containerPath == "/etc/scylla")
    #expect(ContainerVolumes.logs.containerPath == "/var/log/scylla")
    #expect(
      ContainerVolumes.all.dropFirst().dropLast().allSatisfy {
        $0.containerPath == "/usr/lib/scylla/" + $0.hostSubdirectory
      })
  }
}
