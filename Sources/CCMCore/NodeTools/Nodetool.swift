/// `nodetool` in a node, as scylla-ccm runs it.
///
/// That is `exec -i <id> nodetool -h localhost ARGS` (anchor §c); arguments pass through.
public enum Nodetool {
  /// The argv run inside the container.
  static func argv(_ arguments: [String]) -> [String] {
    ["nodetool", "-h", "localhost"] + arguments
  }

  /// Runs `nodetool ARGS`; a non-zero exit is returned, not thrown.
  public static func run(
    _ node: ContainerNodeBackend, _ arguments: [String], timeout: Duration = ToolRun.defaultTimeout
  ) async throws -> ToolOutput {
    try await ToolRun.exec(node, argv(arguments), timeout: timeout)
  }

  /// `nodetool status`, parsed; throws `toolFailed` when nodetool fails.
  static func status(_ node: ContainerNodeBackend) async throws -> [NodetoolStatusRow] {
    NodetoolStatus.parse(try await run(node, ["status"]).checked().standardOutput)
  }
}
