import Foundation
import Testing

@testable import CCMLang
@testable import CCMShell

/// The command table as CCMLang's host: captures give structured values, statements stream.
@Suite struct TableHostTests {
  private func host(_ cli: CLIHarness) -> TableHost {
    TableHost(environment: cli.environment, lockWait: .milliseconds(50), runner: cli.engine)
  }

  private func context(
    _ position: CCMLang.CommandContext.Position, _ sink: CCMLang.OutputSink = .discard
  )
    -> CCMLang.CommandContext
  {
    let file = SourceFile(name: "t.ccm", text: "x")
    return CCMLang.CommandContext(
      position: position, output: sink, range: SourceRange(file: file, start: 0, end: 1))
  }

  @Test func capturesReturnStructuredValues() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    await cli.run("create c -n 3")
    let host = host(cli)

    let status = try await host.run(["status"], context: context(.capture)).value
    guard case .map(let map) = status, case .list(let nodes)? = map["nodes"] else {
      Issue.record("status has no .nodes: \(status)")
      return
    }
    #expect(nodes.count == 3)
    #expect(map["ok"] == .bool(true))
    #expect(map["cluster"] == .string("c"))
    guard case .map(let first)? = nodes.first else {
      Issue.record("a node is not a map")
      return
    }
    #expect(first["name"] == .string("node1") && first["live"] == .bool(false))
    #expect(map["out"]?.text.hasPrefix("Cluster: 'c'") == true)

    let liveset = try await host.run(["liveset"], context: context(.capture))
    #expect(liveset.fields["ips"] == .list([]))
    let list = try await host.run(["list"], context: context(.capture))
    #expect(
      list.fields["clusters"] == .list([.map(["name": .string("c"), "current": .bool(true)])]))
    let show = try await host.run(["node2", "show"], context: context(.capture))
    #expect(show.fields["address"] == .string(try cli.subnetPrefix("c") + ".3"))
  }

  @Test func aFailedCaptureIsDataAndAStatementThrows() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let captured = try await host(cli).run(["switch", "nope"], context: context(.capture))
    #expect(captured.code == 1 && !captured.ok)
    #expect(captured.err.contains("cluster 'nope' does not exist"))
    await #expect(throws: CommandHostError.self) {
      try await host(cli).run(["switch", "nope"], context: context(.statement))
    }
  }

  @Test func usageErrorsThrowInEveryPosition() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    do {
      _ = try await host(cli).run(["list", "--bogus"], context: context(.capture))
      Issue.record("expected a usage error")
    } catch let error as CommandHostError {
      #expect(error.message.contains("--bogus"))
    }
  }

  @Test func statementsStreamTextAndRaiseTheFailureAsAValue() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    await cli.run("create c -n 1")
    let captured = CapturedOutput()
    let result = try await host(cli).run(
      ["status"], context: context(.statement, captured.scriptSink))
    #expect(captured.standardOutput == result.out)
    #expect(captured.standardOutput.hasPrefix("Cluster: 'c'"))
    do {
      _ = try await host(cli).run(
        ["switch", "nope"], context: context(.statement, captured.scriptSink))
      Issue.record("expected the failure to be thrown")
    } catch let error as CommandHostError {
      #expect(error.message == "cluster 'nope' does not exist (see 'ccmsh list')")
    }
    // The failure travelled as a value: no error line was printed (nor read back).
    #expect(!captured.standardError.contains("ccmsh: error"))
  }

  /// The review's case: `$(node1 nodetool status).rows` of a node whose nodetool fails says
  /// why nodetool failed, naming the command and its exit, not "no field 'rows'".
  @Test func aFailedCaptureNamesTheCommandItsExitAndItsError() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    await cli.run("create c -n 1")
    let network = try #require(
      try cli.read("c/cluster.conf").split(separator: "\n")
        .first { $0.hasPrefix("cluster_network: ") }?.dropFirst("cluster_network: ".count))
    cli.engine.failExecs(
      standardError: "nodetool: Failed to connect: Connection refused\n", network: String(network))
    let result = try await host(cli).run(
      ["node1", "nodetool", "status"], context: context(.capture))
    #expect(result.code == 1)
    let expected =
      "`node1 nodetool status` failed (exit 1): node1: nodetool exited with status 1: "
      + "nodetool: Failed to connect: Connection refused"
    #expect(result.failure == expected)
    #expect(try result.value.property("error") == .string(expected))
    do {
      _ = try result.value.property("rows")
      Issue.record("a failed nodetool has no rows")
    } catch {
      #expect((error as? ValueError)?.message == expected, "\(error)")
    }
    // `.err` still reads as on the shell.
    #expect(
      result.err.hasSuffix(
        "ccmsh: error: node1: nodetool exited with status 1: "
          + "nodetool: Failed to connect: Connection refused\n"))
  }

  @Test func helpIsAnsweredByTheHost() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let help = try await host(cli).run(["help"], context: context(.capture))
    #expect(help.out.contains("STATEMENTS:") && help.out.contains("create"))
    let create = try await host(cli).run(["help", "create"], context: context(.capture))
    #expect(create.out.contains("USAGE: ccmsh create"))
    #expect(HelpText.answer(["help", "wait"])?.text.hasPrefix("wait until") == true)
    // The fn line shows the grammar the parser accepts.
    #expect(HelpText.answer(["help", "fn"])?.text.hasPrefix("fn NAME(A, B) { … }") == true)
    #expect(HelpText.overview().contains("  fn NAME(A, B) { … }"))
    #expect(HelpText.answer(["status"]) == nil)
  }

  @Test func valueMappingKeepsTypesAndOrder() {
    let value = CommandValue.object([
      "n": .int(3), "ok": .bool(true), "s": .string("x"), "none": .null,
      "list": .list([.int(1)]),
    ])
    let mapped = ValueMapping.value(value)
    guard case .map(let map) = mapped else {
      Issue.record("not a map")
      return
    }
    #expect(map.keys == ["n", "ok", "s", "none", "list"])
    #expect(map["n"] == .number(3))
    #expect(map["list"] == .list([.number(1)]))
    let ips = LivesetCommand.scriptFields(.list([.string("a")]))
    #expect(ValueMapping.fields(ips)["ips"] == .list([.string("a")]))
    #expect(StatusCommand.scriptFields(.null).isEmpty)
  }
}

/// `help WORD` for a word that is both a cluster and a node command, and the completion scripts.
@Suite struct HelpAndCompletionTests {
  @Test func helpShowsBothCommandsOfAName() throws {
    let help = try #require(HelpText.answer(["help", "stop"])?.text)
    #expect(help.contains("Stop the cluster's nodes.") && help.contains("Stop the node."))
    #expect(HelpText.answer(["help", "nope"])?.text.hasPrefix("no help for 'nope'") == true)
  }

  @Test func completionScriptsComeFromTheTable() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    for shell in ["bash", "zsh", "fish"] {
      let run = await cli.run(arguments: ["completion", shell])
      #expect(run.status == .ok)
      #expect(run.stdout.contains("create") && run.stdout.contains("docker-image"))
    }
    #expect(await cli.run(arguments: ["completion", "tcsh"]).status == .usage)
  }
}
