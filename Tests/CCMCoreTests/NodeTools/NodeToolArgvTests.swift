import Foundation
import Testing

@testable import CCMCore

/// The exact argv of each tool, on both engines, through the node backend.
@Suite struct NodeToolArgvTests {
  static func node(_ kind: RuntimeKind, _ runner: FakeProcessRunner, directory: String = "/n1")
    -> ContainerNodeBackend
  {
    ContainerNodeBackend(
      client: makeClient(kind, runner), nodeName: "node1", nodeDirectory: directory,
      containerName: "ccm-c1-node1", network: "ccm-c1")
  }

  @Test(arguments: RuntimeKind.allCases)
  func nodetoolRunsWithLocalhostAndPassesArgumentsThrough(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner { _ in .ok("UN  10.0.0.1  1 KB  256  ?  id  rack1\n") }
    let output = try await Nodetool.run(Self.node(kind, runner), ["status", "-r", "ks"])
    #expect(
      runner.argvs == [
        [
          kind.rawValue, "exec", "ccm-c1-node1", "nodetool", "-h", "localhost", "status", "-r",
          "ks",
        ]
      ])
    #expect(output.succeeded)
    #expect(try await Nodetool.status(Self.node(kind, runner)).map(\.address) == ["10.0.0.1"])
  }

  /// A tool that does not answer is named with its node; the engine is not blamed.
  @Test func aHungToolSaysWhichNodeAndWhatHung() async throws {
    let runner = FakeProcessRunner { command in
      throw ProcessError.timedOut(argv: command.argv, after: .seconds(5))
    }
    do {
      _ = try await Nodetool.run(Self.node(.podman, runner), ["status"], timeout: .seconds(5))
      Issue.record("expected a timeout")
    } catch let error as CCMError {
      #expect(
        error == .toolHung(node: "node1", command: "nodetool -h localhost status", seconds: 5))
      #expect(error.message.hasPrefix("node1: `nodetool -h localhost status` did not answer"))
      #expect(!error.message.contains("engine"))
    }
  }

  @Test(arguments: RuntimeKind.allCases)
  func cqlshPipesStatementsToTheNodesAddress(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner { _ in .ok() }
    _ = try await CQLShell.run(
      Self.node(kind, runner), input: .statements("SELECT 1"), address: "10.0.0.1",
      arguments: ["--request-timeout", "30"])
    let command = try #require(runner.commands.first)
    #expect(
      command.argv == [
        kind.rawValue, "exec", "ccm-c1-node1", "cqlsh", "10.0.0.1", "9042",
        "--request-timeout", "30", "-e", "SELECT 1;\n",
      ])
    #expect(command.standardInput == nil)
  }

  @Test func cqlshFindsTheAddressOnTheClusterNetwork() async throws {
    let runner = FakeProcessRunner { command in
      command.arguments.first == "inspect" ? .ok(ContainerDecodingTests.podmanInspect) : .ok()
    }
    _ = try await CQLShell.run(Self.node(.podman, runner), input: .standardInput("SELECT 1;"))
    #expect(runner.argvs.last?.suffix(5) == ["cqlsh", "10.89.3.3", "9042", "-e", "SELECT 1;"])
  }

  @Test func aStoppedNodeIsReportedNotTimedOut() async throws {
    let runner = FakeProcessRunner { _ in .ok(ContainerDecodingTests.dockerInspect) }
    await #expect(throws: CCMError.nodeState(node: "node1", problem: "is not running (start it)")) {
      _ = try await CQLShell.run(Self.node(.docker, runner), input: .statements("SELECT 1"))
    }
  }

  @Test(arguments: RuntimeKind.allCases)
  func aToolsFailureCarriesItsStatusAndStderr(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner { command in
      command.arguments.first == "inspect"
        ? .ok(ContainerDecodingTests.podmanInspect)
        : .fail(1, "nodetool: Found unexpected parameters: [x]")
    }
    let output = try await ToolRun.exec(Self.node(kind, runner), ["nodetool", "x"])
    #expect(output.exitCode == 1)
    #expect(throws: NodeToolError.self) { try output.checked() }
    #expect(
      NodeToolError.toolFailed(
        node: "node1", tool: "nodetool", exitCode: 1, standardError: output.standardError
      ).message
        == "node1: nodetool exited with status 1: nodetool: Found unexpected parameters: [x]")
  }
}

/// What the user sees when the engine refuses the exec.
@Suite struct NodeToolFailureTests {
  @Test func anExecOnAStoppedNodeSaysSo() async throws {
    let runner = FakeProcessRunner { command in
      command.arguments.first == "inspect"
        ? .ok(ContainerDecodingTests.dockerInspect)
        : .fail(126, "Error response from daemon: container c0ffee is not running")
    }
    await #expect(throws: CCMError.nodeState(node: "node1", problem: "is not running (start it)")) {
      _ = try await Nodetool.run(NodeToolArgvTests.node(.docker, runner), ["status"])
    }
  }
}
