import Foundation

/// What cqlsh reads its statements from.
public enum CQLInput: Sendable, Hashable {
  /// `-x "S1; S2"`: split on `;`, each sent as `S;` on its own line, then `quit;` (ccm's way).
  case statements(String)
  /// `-f FILE`: a host file, sent on stdin (the container cannot see host paths).
  case file(String)
  /// Text the caller read from its own stdin.
  case standardInput(String)
  /// cqlsh's own `-e STATEMENT` among the pass-through arguments: nothing more is sent.
  case inArguments
}

/// `cqlsh` in a node's container: `exec <id> cqlsh <containerIP> <port> -e SCRIPT` (anchor §c
/// runs `exec -i` and pipes the statements; see `request` for why ccmsh passes them with `-e`).
public enum CQLShell {
  /// ScyllaDB's CQL port (`native_transport_port`).
  public static let defaultPort = 9042

  /// The argv run inside the container; extra arguments pass through after the address.
  public static func argv(address: String, port: Int = defaultPort, arguments: [String] = [])
    -> [String]
  {
    ["cqlsh", address, String(port)] + arguments
  }

  /// ccm's `-x` handling: `a; b;` → `a;\nb;\n`, one statement a line.
  static func script(statements: String) -> String {
    let parts = statements.split(separator: ";").map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }.filter { !$0.isEmpty }
    return parts.map { $0 + ";\n" }.joined()
  }

  /// Scripts up to this size go in one `-e` argument (Linux allows 128 KiB per argument).
  static let inlineLimit = 64 * 1024

  /// The extra cqlsh arguments and the stdin for `script`.
  ///
  /// Why `-e` rather than stdin: podman 4.3's `exec -i` loses the command's stderr about one
  /// time in five when the command exits before reading its input (cqlsh does, when the node is
  /// down), and that stderr is the error the user needs. Scripts too big for an argument are
  /// piped, ending with `quit;` as scylla-ccm does.
  static func request(script: String) -> (arguments: [String], standardInput: String?) {
    script.utf8.count <= inlineLimit ? (["-e", script], nil) : ([], script + "quit;\n")
  }

  /// Whether cqlsh's own arguments carry the statements (`-e S`, `--execute S`, `--execute=S`).
  public static func executesInArguments(_ arguments: [String]) -> Bool {
    arguments.contains { $0 == "-e" || $0 == "--execute" || $0.hasPrefix("--execute=") }
  }

  /// The statements `input` stands for; reading a file can fail.
  static func script(_ input: CQLInput) throws(CCMError) -> String {
    switch input {
    case .statements(let text): return script(statements: text)
    case .standardInput(let text): return text
    case .inArguments: return ""
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
    _ node: ContainerNodeBackend, input: CQLInput, address: String? = nil, port: Int = defaultPort,
    arguments: [String] = [], timeout: Duration = ToolRun.defaultTimeout
  ) async throws -> ToolOutput {
    let request =
      input == .inArguments
      ? (arguments: [], standardInput: nil) : request(script: try script(input))
    let host: String
    if let address { host = address } else { host = try await ToolRun.address(of: node) }
    return try await ToolRun.exec(
      node, argv(address: host, port: port, arguments: arguments + request.arguments),
      standardInput: request.standardInput, timeout: timeout)
  }
}
