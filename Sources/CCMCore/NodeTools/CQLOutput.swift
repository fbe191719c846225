import Foundation

/// One result table of cqlsh's tabular output.
public struct CQLTable: Sendable, Hashable {
  public var columns: [String]
  /// Cells as printed (trimmed), one array per row, in column order.
  public var rows: [[String]]

  init(columns: [String], rows: [[String]]) {
    self.columns = columns
    self.rows = rows
  }

  /// Each row as column → cell.
  var records: [[String: String]] {
    rows.map { Dictionary(zip(columns, $0), uniquingKeysWith: { first, _ in first }) }
  }
}

/// The parser for cqlsh's tabular output.
public enum CQLOutput {
  /// Every table in `text`, in order.
  ///
  /// A table is a ` a | b` header line followed by a `---+---` rule; its rows run until a blank
  /// line or the `(N rows)` footer.
  public static func tables(_ text: String) -> [CQLTable] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var tables: [CQLTable] = []
    var index = 0
    while index + 1 < lines.count {
      guard isRule(lines[index + 1]), !lines[index].trimmingCharacters(in: .whitespaces).isEmpty
      else {
        index += 1
        continue
      }
      let columns = cells(lines[index])
      var rows: [[String]] = []
      index += 2
      while index < lines.count, !isEnd(lines[index]) {
        rows.append(cells(lines[index]))
        index += 1
      }
      tables.append(CQLTable(columns: columns, rows: rows))
    }
    return tables
  }

  /// `-----+-------`: only dashes and pluses, at least one dash.
  private static func isRule(_ line: String) -> Bool {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    return trimmed.contains("-") && trimmed.allSatisfy { $0 == "-" || $0 == "+" }
  }

  private static func isEnd(_ line: String) -> Bool {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty || (trimmed.hasPrefix("(") && trimmed.hasSuffix("rows)"))
  }

  private static func cells(_ line: String) -> [String] {
    line.split(separator: "|", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
  }
}
