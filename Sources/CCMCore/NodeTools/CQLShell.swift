import Foundation

/// What cqlsh reads its statements from.
public enum CQLInput: Sendable, Hashable {
  /// `-x "S1; S2"`: split on `;`, each sent as `S;` on its own line, then `quit;` (ccm's way).
  case statements(String)
  /// `-f FILE`: a host file, sent on stdin (the container cannot see host paths).
  case file(String)
  /// Text the caller read from its own stdin.
  case standardInput(String)
}

/// `cqlsh` in a node's container: `exec -i <id> cqlsh <containerIP> <port> ARGS` (anchor §c),
/// statements on stdin, so no TTY and no quoting problems.
public enum CQLShell {
  /// ScyllaDB's CQL port (`native_transport_port`).
  public static let defaultPort = 9042

  /// The argv run inside the container; extra arguments pass through after the address.
  public static func argv(address: String, port: Int = defaultPort, arguments: [String] = [])
    -> [String]
  {
    ["cqlsh", address, String(port)] + arguments
  }

  /// ccm's `-x` handling: `a; b;` → `a;\nb;\nquit;\n`.
  public static func script(statements: String) -> String {
    let parts = statements.split(separator: ";").map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }.filter { !$0.isEmpty }
    return (parts + ["quit"]).map { $0 + ";\n" }.joined()
  }

  /// The text piped to cqlsh for `input`; reading a file can fail.
  public static func standardInput(_ input: CQLInput) throws(CCMError) -> String {
    switch input {
    case .statements(let text): return script(statements: text)
    case .standardInput(let text): return text
    case .file(let path):
      do {
        return try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw .fileSystem(path: path, problem: "cannot read: \(error.localizedDescription)")
      }
    }
  }

  /// Runs cqlsh against `node` (at its cluster address unless `address` is given) with
  /// `input`; a non-zero exit is returned, not thrown.
  public static func run(
    _ node: any NodeBackend, input: CQLInput, address: String? = nil, port: Int = defaultPort,
    arguments: [String] = [], timeout: Duration = ToolRun.defaultTimeout
  ) async throws -> ToolOutput {
    let stdin = try standardInput(input)
    let host: String
    if let address { host = address } else { host = try await ToolRun.address(of: node) }
    return try await ToolRun.exec(
      node, argv(address: host, port: port, arguments: arguments), standardInput: stdin,
      timeout: timeout)
  }
}
