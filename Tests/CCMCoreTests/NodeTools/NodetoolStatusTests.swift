import Foundation
import Testing

@testable import CCMCore

/// `nodetool status` text into rows, on the test image's output and ScyllaDB's documented one.
@Suite struct NodetoolStatusTests {
  static func fixture(_ name: String) throws -> String {
    let path = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/nodetool/\(name)").path
    return try String(contentsOfFile: path, encoding: .utf8)
  }

  @Test func parsesTheTestImagesOutput() throws {
    let rows = NodetoolStatus.parse(try Self.fixture("test-image-status.txt"))
    #expect(rows.map(\.code) == ["UN", "DN"])
    let byAddress = NodetoolStatus.byAddress(rows)
    let down = try #require(byAddress["10.201.7.12"])
    #expect(down.liveness == .down)
    #expect(down.state == .normal)
    #expect(down.load == "24 KB")
    #expect(down.tokens == "256")
    #expect(down.owns == "?")
    #expect(down.hostID == "fb81a637-8d44-464d-aedc-4d58cad064af")
    #expect(down.rack == "rack1")
    #expect(down.dataCenter == "datacenter1")
  }

  @Test func parsesScyllaDBsDocumentedOutput() throws {
    let rows = NodetoolStatus.parse(try Self.fixture("scylla-docs-status.txt"))
    #expect(rows.map(\.address) == ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"])
    #expect(rows.map(\.code) == ["UN", "UN", "UL", "XN"])
    #expect(rows[0].load == "394.97 MB")
    #expect(rows[0].owns == "33.4%")
    #expect(rows[2].state == .leaving)
    #expect(rows[3].liveness == .excluded)
  }

  @Test func keepsEachRowsDataCenter() throws {
    let rows = NodetoolStatus.parse(try Self.fixture("multidc-status.txt"))
    #expect(rows.map(\.dataCenter) == ["dc1", "dc1", "dc2"])
    #expect(rows.map(\.code) == ["UN", "UJ", "DN"])
    #expect(rows[1].load == "?")
    #expect(rows[2].rack == "RAC2")
  }

  @Test func ignoresTextThatIsNotARow() {
    let text = "nodetool: Failed to connect\nUN short\nZZ 1.2.3.4 1 KB 256 ? id rack\n"
    #expect(NodetoolStatus.parse(text).isEmpty)
  }
}
