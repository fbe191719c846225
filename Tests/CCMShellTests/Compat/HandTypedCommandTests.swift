import Foundation
import Testing

@testable import CCMCore
@testable import CCMShell

/// What scylla-ccm's docker users type by hand (fake engine): `setlog`, `NODE start
/// --replace-address` / `-j`, the Alternator port in `show`, and the terminal rule of
/// `NODE cqlsh` / `NODE exec`.
@Suite struct HandTypedCommandTests {
  private func fixture(_ name: String) throws -> String {
    let path = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/nodetool/\(name)").path
    return try String(contentsOfFile: path, encoding: .utf8)
  }

  @Test func setlogRecordsTheServerFlagsOfEveryOrOneNode() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create t -n 2").status == .ok)
    let all = await cli.run("setlog DEBUG")
    #expect(all.status == .ok, "\(all.stderr)")
    #expect(
      all.stdout == "node1: every logger at debug from its next start\n"
        + "node2: every logger at debug from its next start\n")
    #expect(try cli.read("t/node2/node.conf").contains("  default-log-level: debug\n"))
    #expect(await cli.run("node1 setlog trace -c compaction").status == .ok)
    #expect(await cli.run("node1 setlog INFO --class cql_server").status == .ok)
    #expect(await cli.run("node1 setlog WARN -c compaction").status == .ok)
    let conf = try cli.read("t/node1/node.conf")
    #expect(conf.contains("logger-log-level: cql_server=info:compaction=warn\n"), "\(conf)")
    #expect(try !cli.read("t/node2/node.conf").contains("logger-log-level"))
    let bad = await cli.run("setlog LOUD")
    #expect(bad.status == .usage && bad.stderr.contains("unknown log level 'LOUD'"))
    #expect(bad.stderr.filter { $0 == "\n" }.count == 1)
  }

  @Test func logLevelFlagsKeepOtherLoggers() {
    let flags = LogLevelSetting.flags(
      ["logger-log-level": "a=debug:b=info", "smp": "2"], level: "trace", logger: "a")
    #expect(flags == ["logger-log-level": "b=info:a=trace", "smp": "2"])
    #expect(LogLevelSetting.flags([:], level: "info", logger: nil) == ["default-log-level": "info"])
  }

  @Test func replaceAddressTakesTheHostIDOfTheRowAtThatAddress() throws {
    let status = try fixture("test-image-status.txt")
    #expect(
      ReplaceAddress.hostID(of: "10.201.7.12", inStatus: status)
        == "fb81a637-8d44-464d-aedc-4d58cad064af")
    #expect(ReplaceAddress.hostID(of: "10.201.7.99", inStatus: status) == nil)
  }

  @Test func replaceAddressWithNoRunningNodeIsOneLineAndNothingStarts() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create t -n 2").status == .ok)
    let before = cli.engine.calls.count
    let run = await cli.run("node2 start --replace-address 10.0.0.1")
    #expect(run.status != .ok)
    #expect(run.stderr.contains("--replace-address 10.0.0.1: no running node to ask"))
    #expect(run.stderr.filter { $0 == "\n" }.count == 1, "\(run.stderr)")
    #expect(!cli.engine.calls[before...].contains { $0.dropFirst().first == "run" })
    #expect(try !cli.read("t/node2/node.conf").contains("replace"))
  }

  @Test func cqlshStatementsComeFromOneSource() throws {
    #expect(throws: (any Error).self) { try CQLShellCommand.parse(["-x", "S", "-e", "T"]) }
    _ = try CQLShellCommand.parse(["-e", "SELECT 1"])
  }

  @Test func dontJoinRingIsAccepted() throws {
    let parsed = try NodeStartCommand.parse(["-j"])
    #expect(parsed.dontJoinRing)
    #expect(try NodeStartCommand.parse(["--dont-join-ring"]).dontJoinRing)
  }

  @Test func showGivesTheAlternatorEndpoints() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create t -n 1").status == .ok)
    #expect(await cli.run("node1 show").stdout.contains("alternator") == false)
    #expect(await cli.run(arguments: ["updateconf", "alternator_port: 8000"]).status == .ok)
    let shown = await cli.run("node1 show")
    let address = try #require(
      try YAMLFile.readMapping(cli.configDirectory + "/t/node1/node.conf")["interfaces"]?
        .mapping?["storage"]?.sequence?.first?.scalarText)
    #expect(shown.stdout.contains("       alternator=\(address):8000\n"), "\(shown.stdout)")
    let json = await cli.run("node1 show --json")
    #expect(json.stdout.contains("\"alternator\""), "\(json.stdout)")
  }

  @Test func scriptsNeverAttachToATerminal() async throws {
    // The CLI harness is a script-like caller: no terminal, so exec keeps capturing output.
    let context = CommandContext(environment: [:], output: CapturedOutput())
    #expect(!context.terminal)
  }
}

/// Which replace flag an image's server takes.
@Suite struct ReplaceFlagTests {
  @Test func olderServersReplaceByAddress() {
    #expect(!ReplaceAddress.replacesByAddress(nil))
    #expect(!ReplaceAddress.replacesByAddress(ImageProfile(generation: ImageGeneration(2025, 1))))
    #expect(!ReplaceAddress.replacesByAddress(ImageProfile(generation: ImageGeneration(6, 2))))
    #expect(!ReplaceAddress.replacesByAddress(ImageProfile(generation: ImageGeneration(2023, 1))))
    #expect(ReplaceAddress.replacesByAddress(ImageProfile(generation: ImageGeneration(5, 1))))
    #expect(ReplaceAddress.replacesByAddress(ImageProfile(generation: ImageGeneration(2022, 2))))
  }
}
