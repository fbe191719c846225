import Foundation
import Testing

@testable import CCMShell

/// Clusters written by scylla-ccm 2.0.5, seen through the CLI.
@Suite struct CLIFixtureTests {
  /// Copies the fixture config dir in, filling `@…@` placeholders (YAML rejects a leading `@`).
  private func harnessWithFixtures() throws -> CLIHarness {
    let cli = try CLIHarness()
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/scylla-ccm-2.0.5").path
    try FileManager.default.removeItem(atPath: cli.configDirectory)
    try FileManager.default.copyItem(atPath: source, toPath: cli.configDirectory)
    let files = try #require(FileManager.default.enumerator(atPath: cli.configDirectory))
    for case let relative as String in files where relative.hasSuffix(".conf") {
      let path = cli.configDirectory + "/" + relative
      let text = try String(contentsOfFile: path, encoding: .utf8)
        .replacingOccurrences(of: "@INSTALL_DIR@", with: cli.configDirectory + "/install-dir")
        .replacingOccurrences(of: "@CONFIG_DIR_NAME@", with: "ccm")
      try FileManager.default.removeItem(atPath: path)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return cli
  }

  @Test func listsAndShowsScyllaCCMClusters() async throws {
    let cli = try harnessWithFixtures()
    defer { cli.remove() }
    #expect(await cli.run("list").stdout == "  dock3\n  multidc\n *plain3\n")
    let status = await cli.run("status -v")
    #expect(status.status == .ok)
    #expect(
      status.stdout.contains(
        """
        node4: DOWN (Not initialized)
               auto_bootstrap=False
               binary=('127.0.0.4', 9042)
               storage=('127.0.0.4', 7000)
               jmx_port=7199
               remote_debug_port=2000
               initial_token=None

        """))
    #expect(await cli.run("switch multidc").status == .ok)
    let show = await cli.run("node3 show --json")
    #expect(show.result.value["initial_token"] == .string("-9223372036854775708"))
    #expect(show.result.value["data_center"] == .string("dc2"))
    #expect(await cli.run("switch dock3").status == .ok)
    #expect(await cli.run("liveset --json").result.value == .list([]))
  }
}
