/// A script's text, kept once and shared by every range that points into it.
///
/// Offsets are UTF-8 byte offsets; line and column are computed only when a diagnostic is
/// rendered, so the lexer and parser never count lines.
public final class SourceFile: Sendable, CustomStringConvertible {
  /// The path as the user gave it (or a label such as `<repl>`); diagnostics print it.
  public let name: String
  public let text: String
  let bytes: [UInt8]
  private let lineStarts: [Int]

  public init(name: String, text: String) {
    self.name = name
    self.text = text
    let bytes = Array(text.utf8)
    self.bytes = bytes
    var starts = [0]
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    self.lineStarts = starts
  }

  public var description: String { name }

  /// The 1-based line and column of a byte offset (the column counts characters).
  public func location(of offset: Int) -> SourceLocation {
    let clamped = max(0, min(offset, bytes.count))
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
    }
    let prefix = String(decoding: bytes[lineStarts[low]..<clamped], as: UTF8.self)
    return SourceLocation(line: low + 1, column: prefix.count + 1)
  }

  /// The text of a 1-based line, without its newline.
  public func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
  }

  func slice(_ start: Int, _ end: Int) -> String {
    let lower = max(0, min(start, bytes.count))
    let upper = max(lower, min(end, bytes.count))
    return String(decoding: bytes[lower..<upper], as: UTF8.self)
  }
}

/// A 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  public let line: Int
  public let column: Int
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
  public var description: String { "\(line):\(column)" }
}

/// A half-open byte range `start..<end` in one `SourceFile`.
///
/// Every AST node carries one.
public struct SourceRange: Sendable, Equatable, CustomStringConvertible {
  public let file: SourceFile
  public let start: Int
  public let end: Int

  public init(file: SourceFile, start: Int, end: Int) {
    self.file = file
    self.start = start
    self.end = max(start, end)
  }

  public static func == (lhs: SourceRange, rhs: SourceRange) -> Bool {
    lhs.file === rhs.file && lhs.start == rhs.start && lhs.end == rhs.end
  }

  public var location: SourceLocation { file.location(of: start) }
  /// The exact source text of the range, such as a wait condition for its timeout message.
  public var text: String { file.slice(start, end) }
  /// `file:line:col`, the prefix of every diagnostic.
  public var description: String { "\(file.name):\(location)" }

  /// The smallest range covering both.
  func through(_ other: SourceRange) -> SourceRange {
    SourceRange(file: file, start: min(start, other.start), end: max(end, other.end))
  }
}
