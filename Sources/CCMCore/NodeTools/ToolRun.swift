/// What a tool run inside a node produced.
///
/// A non-zero exit is a result here; `checked()` turns it into `NodeToolError.toolFailed`.
public struct ToolOutput: Sendable, Hashable {
  public var node: String
  public var tool: String
  public var exitCode: Int32
  public var standardOutput: String
  public var standardError: String

  public init(
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
  public func checked() throws(NodeToolError) -> ToolOutput {
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

  /// Runs `argv` in `node`, stdin piped when given; a non-zero exit is returned, not thrown.
  public static func exec(
    _ node: any NodeBackend, _ argv: [String], standardInput: String? = nil,
    timeout: Duration = defaultTimeout
  ) async throws -> ToolOutput {
    let result = try await node.exec(
      ExecRequest(argv, standardInput: standardInput, timeout: timeout))
    return ToolOutput(
      node: node.nodeName, tool: argv.first ?? "", exitCode: result.exitCode,
      standardOutput: result.standardOutput, standardError: result.standardError)
  }

  /// The address other nodes and tools reach `node` at: its IP on the cluster network.
  ///
  /// Throws `nodeState` when the node is not running (a tool would only time out).
  public static func address(of node: any NodeBackend) async throws -> String {
    switch try await node.state() {
    case .running(let address?): return address
    case .running(nil):
      throw CCMError.nodeState(
        node: node.nodeName, problem: "has no address on the cluster network")
    case .paused: throw CCMError.nodeState(node: node.nodeName, problem: "is paused (resume it)")
    default: throw CCMError.nodeState(node: node.nodeName, problem: "is not running (start it)")
    }
  }
}
