import Foundation

/// One node row of `nodetool status`.
public struct NodetoolStatusRow: Sendable, Hashable {
  /// `U`, `D`, or `X` (excluded from the ring: recent ScyllaDB's `Status=Up/Down/eXcluded`).
  public enum Liveness: String, Sendable, Hashable {
    case up = "U"
    case down = "D"
    case excluded = "X"
  }

  /// `N`, `L`, `J` or `M`.
  public enum State: String, Sendable, Hashable {
    case normal = "N"
    case leaving = "L"
    case joining = "J"
    case moving = "M"
  }

  public var dataCenter: String
  public var liveness: Liveness
  public var state: State
  public var address: String
  /// As printed (`284.06 KB`, `?`).
  public var load: String
  /// Token count as printed (a number, or `?`).
  public var tokens: String
  /// Ownership as printed (`33.3%`, `?`).
  public var owns: String
  public var hostID: String
  public var rack: String

  init(
    dataCenter: String, liveness: Liveness, state: State, address: String, load: String,
    tokens: String, owns: String, hostID: String, rack: String
  ) {
    self.dataCenter = dataCenter
    self.liveness = liveness
    self.state = state
    self.address = address
    self.load = load
    self.tokens = tokens
    self.owns = owns
    self.hostID = hostID
    self.rack = rack
  }

  /// The two-letter code nodetool prints (`UN`, `DN`, ...).
  public var code: String { liveness.rawValue + state.rawValue }
}

/// The parser for `nodetool status` text (ScyllaDB's layout, which is Cassandra's).
public enum NodetoolStatus {
  /// Every node row, in print order, each with the data center of its section.
  ///
  /// Headers, legends and blank lines are skipped. Rows are split on whitespace from both ends
  /// because the load column may have a space inside (`284.06 KB`).
  public static func parse(_ text: String) -> [NodetoolStatusRow] {
    var dataCenter = ""
    var rows: [NodetoolStatusRow] = []
    for line in text.split(separator: "\n") {
      if line.hasPrefix("Datacenter:") {
        dataCenter = line.dropFirst("Datacenter:".count).trimmingCharacters(in: .whitespaces)
      } else if let row = row(line, dataCenter: dataCenter) {
        rows.append(row)
      }
    }
    return rows
  }

  /// The rows keyed by address (what `$(node2 nodetool status)` gives scripts).
  static func byAddress(_ rows: [NodetoolStatusRow]) -> [String: NodetoolStatusRow] {
    Dictionary(rows.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
  }

  private static func row(_ line: Substring, dataCenter: String) -> NodetoolStatusRow? {
    let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    // code, address, load (one or more words), tokens, owns, host id, rack
    guard words.count >= 7, words[0].count == 2,
      let liveness = NodetoolStatusRow.Liveness(rawValue: String(words[0].prefix(1))),
      let state = NodetoolStatusRow.State(rawValue: String(words[0].suffix(1)))
    else { return nil }
    let last = words.count - 1
    return NodetoolStatusRow(
      dataCenter: dataCenter, liveness: liveness, state: state, address: words[1],
      load: words[2...(last - 4)].joined(separator: " "), tokens: words[last - 3],
      owns: words[last - 2], hostID: words[last - 1], rack: words[last])
  }
}
