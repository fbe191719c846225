import Foundation

/// gocql's parser of `ccm status -v` (`internal/ccm/ccm.go`, `Status()`), re-implemented.
///
/// ccmsh's output must pass it as scylla-ccm's does. Shared by the unit tests and the harness replays.
public enum GocqlStatusParser {
  public struct Host: Equatable, Sendable {
    public var name = ""
    public var up = false
    public var address = ""

    public init(name: String = "", up: Bool = false, address: String = "") {
      self.name = name
      self.up = up
      self.address = address
    }
  }

  public struct ParseError: Error, Equatable {
    public let message: String
  }

  public static func parse(_ output: String) throws(ParseError) -> [String: Host] {
    enum State { case cluster, commas, node, option }
    var state = State.cluster
    var nodes: [String: Host] = [:]
    var host = Host()
    // bufio.Scanner: lines without their newline; a final newline adds no empty line.
    var lines = output.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    for text in lines {
      switch state {
      case .cluster:
        guard text.hasPrefix("Cluster:") else {
          throw ParseError(message: "expected 'Cluster:' got \(text)")
        }
        state = .commas
      case .commas:
        guard text.hasPrefix("-") else { throw ParseError(message: "expected commas got \(text)") }
        state = .node
      case .node:
        guard text.hasPrefix("node") else {
          throw ParseError(message: "expected 'node' got \(text)")
        }
        let line = text.components(separatedBy: ":")
        host.name = line[0]
        switch line[1].trimmingCharacters(in: .whitespaces) {
        case "UP": host.up = true
        case "DOWN": host.up = false
        case let other: throw ParseError(message: "unknown node state from ccm: \(other)")
        }
        state = .option
      case .option:
        if text.isEmpty {
          state = .node
          nodes[host.name] = host
          host = Host()
          continue
        }
        let line = text.trimmingCharacters(in: .whitespaces).components(separatedBy: "=")
        guard line.count >= 2 else { throw ParseError(message: "index out of range: \(text)") }
        if line[0] == "binary" {
          let value = line[1].dropFirst(2)
          guard let quote = value.firstIndex(of: "'") else {
            throw ParseError(message: "invalid binary v=\(value)")
          }
          host.address = String(value[..<quote])
        }
      }
    }
    return nodes
  }
}
