/// A problem found in a script, with where it is and what might fix it.
///
/// Static problems (syntax, undefined names) and runtime failures share this type so that one
/// renderer prints them all: `file:line:col: error: message`, the source line, a caret under
/// the range, then `note:` lines.
public struct Diagnostic: Sendable, Equatable, Error, CustomStringConvertible {
  public enum Severity: String, Sendable { case error, warning }

  public let severity: Severity
  public let message: String
  public let range: SourceRange
  public let notes: [String]
  /// True when the problem is only that the input ended too soon: the REPL then asks for
  /// another line instead of reporting it.
  public let isEndOfInput: Bool

  public init(
    _ message: String, at range: SourceRange, notes: [String] = [],
    severity: Severity = .error, isEndOfInput: Bool = false
  ) {
    self.severity = severity
    self.message = message
    self.range = range
    self.notes = notes
    self.isEndOfInput = isEndOfInput
  }

  /// `line:col: message`, the compact form the test corpus compares.
  public var summary: String { "\(range.location): \(message)" }

  public var description: String { rendered() }

  /// The full rendering: header, source line, caret (`^~~~` over the range) and notes.
  public func rendered() -> String {
    let location = range.location
    var text = "\(range.file.name):\(location): \(severity.rawValue): \(message)\n"
    let line = range.file.lineText(location.line)
    if !line.isEmpty || range.start < range.file.bytes.count {
      let endLocation = range.file.location(of: range.end)
      let width =
        endLocation.line == location.line ? max(1, endLocation.column - location.column) : 1
      let indent = String(line.prefix(location.column - 1).map { $0 == "\t" ? "\t" : " " })
      text += "\(line)\n\(indent)^\(String(repeating: "~", count: width - 1))\n"
    }
    for note in notes { text += "note: \(note)\n" }
    return text
  }
}

extension Array where Element == Diagnostic {
  /// All diagnostics rendered, in order.
  public func rendered() -> String { map { $0.rendered() }.joined() }
}
