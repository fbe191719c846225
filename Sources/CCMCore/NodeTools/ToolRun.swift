/// What a tool run inside a node produced.
///
/// A non-zero exit is a result here; `checked()` turns it into `NodeToolError.toolFailed`.
public struct ToolOutput: Sendable, Hashable {
  public var node: String
  public var tool: String
  public var exitCode: Int32
  public var standardOutput: String
  public var standardError: String

  init(
    node: String, tool: String, exitCode: Int32, standardOutput: String, standardError: String
  ) {
    self.node = node
    self.tool = tool
    self.exitCode = exitCode
    self.standardOutput = standardOutput
    self.standardError = standardError
  }

  public var succeeded: Bool { exitCode == 0 }

  /// This output, or `toolFailed` with the tool's stderr when it exited non-zero.
  func checked() throws(NodeToolError) -> ToolOutput {
    guard succeeded else {
      throw .toolFailed(node: node, tool: tool, exitCode: exitCode, standardError: standardError)
    }
    return self
  }
}

/// Runs argv inside a node (the one path every tool takes: `exec -i <container> argv`).
public enum ToolRun {
  /// Tools answer in seconds, but a cqlsh script or a `nodetool repair` may take minutes.
  public static let defaultTimeout: Duration = .seconds(600)

  /// The defaults of the node commands' `--timeout`, sized to the tool: nodetool and cqlsh
  /// answer a test cluster in seconds (a hung peer makes them wait forever), a `nodetool repair`
  /// of test data in well under two minutes; `exec` runs anything, so it gets longer.
  public static let nodetoolTimeout: Duration = .seconds(120)
  public static let cqlshTimeout: Duration = .seconds(120)
  public static let execTimeout: Duration = .seconds(300)

  /// Runs `argv` in `node`, stdin piped when given; a non-zero exit is returned, not thrown.
  ///
  /// An exec the engine refuses, or a failure, becomes `nodeState` when the node is not running
  /// or paused, else `CCMError.container` with the engine's message.
  public static func exec(
    _ node: ContainerNodeBackend, _ argv: [String], standardInput: String? = nil,
    timeout: Duration = defaultTimeout
  ) async throws -> ToolOutput {
    let result: ExecResult
    do {
      result = try await node.exec(
        ExecRequest(argv, standardInput: standardInput, timeout: timeout))
    } catch ContainerError.timedOut {
      // The engine ran the command; it is the command that did not answer.
      throw CCMError.toolHung(
        node: node.nodeName, command: argv.joined(separator: " "),
        seconds: Int(timeout.components.seconds))
    } catch let error as ContainerError {
      _ = try await runningAddress(of: node)
      throw CCMError.container(error.message)
    }
    // Engines report an exec into a paused or stopped container as the command's own failure
    // (podman: 255), which would read as the tool's; one inspect, on failures only, tells them
    // apart.
    if result.exitCode != 0 { _ = try await runningAddress(of: node) }
    return ToolOutput(
      node: node.nodeName, tool: argv.first ?? "", exitCode: result.exitCode,
      standardOutput: result.standardOutput, standardError: result.standardError)
  }

  /// The address other nodes and tools reach `node` at: its IP on the cluster network.
  ///
  /// Throws `nodeState` when the node is not running (a tool would only time out).
  public static func address(of node: ContainerNodeBackend) async throws -> String {
    guard let address = try await runningAddress(of: node) else {
      throw CCMError.nodeState(
        node: node.nodeName, problem: "has no address on the cluster network")
    }
    return address
  }

  /// The node's address when it runs (nil without one); `nodeState` when it does not run.
  private static func runningAddress(of node: ContainerNodeBackend) async throws -> String? {
    switch try await node.state() {
    case .running(let address): return address
    case .paused: throw CCMError.nodeState(node: node.nodeName, problem: "is paused (resume it)")
    default: throw CCMError.nodeState(node: node.nodeName, problem: "is not running (start it)")
    }
  }
}
