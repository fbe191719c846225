/// A script value.
///
/// Maps appear only as command results (and `env`); there is no map literal.
public enum Value: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  /// Seconds.
  case duration(Double)
  case string(String)
  case list([Value])
  case map(ValueMap)

  /// The name used in type errors, such as "a number" or "a string".
  public var typeName: String {
    switch self {
    case .null: return "nil"
    case .bool: return "a bool"
    case .number: return "a number"
    case .duration: return "a duration"
    case .string: return "a string"
    case .list: return "a list"
    case .map: return "a map"
    }
  }

  /// The text a value becomes inside a string or a command word.
  public var text: String {
    switch self {
    case .null: return "nil"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number): return Self.format(number)
    case .duration(let seconds): return Self.formatDuration(seconds)
    case .string(let string): return string
    case .map(let map):
      // A command result reads like the shell's `$(…)`: its output without the one trailing
      // newline every line-printing command ends with (`.out` keeps it), so
      // `watchlog --from $(node1 marklog)` gets the mark itself.
      if case .string(let out)? = map["out"], map["code"] != nil {
        if out.hasSuffix("\r\n") { return String(out.dropLast(2)) }
        return out.hasSuffix("\n") ? String(out.dropLast()) : out
      }
      return literal
    case .list: return literal
    }
  }

  /// How a value is shown in reports: strings quoted, lists and maps bracketed.
  public var literal: String {
    switch self {
    case .string(let string): return "\"\(string)\""
    case .list(let items): return "[" + items.map(\.literal).joined(separator: ", ") + "]"
    case .map(let map):
      return "{" + map.keys.map { "\($0): \(map[$0]?.literal ?? "nil")" }.joined(separator: ", ")
        + "}"
    default: return text
    }
  }

  static func format(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    return String(number)
  }

  /// `500ms`, `30s`, `2m`, `1h`, or `1.5s` when no unit divides evenly.
  static func formatDuration(_ seconds: Double) -> String {
    if seconds != 0 {
      for (unit, size) in [("h", 3600.0), ("m", 60.0)]
      where seconds.truncatingRemainder(dividingBy: size) == 0 {
        return format(seconds / size) + unit
      }
    }
    if seconds == seconds.rounded() || abs(seconds) >= 1 { return format(seconds) + "s" }
    let milliseconds = (seconds * 1000 * 1000).rounded() / 1000
    return format(milliseconds) + "ms"
  }

  /// A command word written without quotes is typed: `3` is a number, `10s` a duration.
  static func typed(bareWord word: String) -> Value {
    guard let first = word.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else {
      return .string(word)
    }
    let (token, next) = Lexer(SourceFile(name: "", text: word)).scan(from: 0, mode: .expression)
    guard next == word.utf8.count else { return .string(word) }
    switch token.kind {
    case .number(let number): return .number(number)
    case .duration(let seconds): return .duration(seconds)
    default: return .string(word)
    }
  }
}

/// A map that keeps its keys in insertion order, so `.keys` and printing are stable.
public struct ValueMap: Sendable, Equatable, ExpressibleByDictionaryLiteral {
  public private(set) var keys: [String] = []
  private var storage: [String: Value] = [:]

  public init() {}
  public init(dictionaryLiteral elements: (String, Value)...) { self.init(elements) }
  public init(_ pairs: [(String, Value)]) {
    for (key, value) in pairs { self[key] = value }
  }

  public subscript(key: String) -> Value? {
    get { storage[key] }
    set {
      if storage[key] == nil, newValue != nil { keys.append(key) }
      if newValue == nil, storage[key] != nil { keys.removeAll { $0 == key } }
      storage[key] = newValue
    }
  }

  public var count: Int { keys.count }
  public var values: [Value] { keys.compactMap { storage[$0] } }

  public static func == (lhs: ValueMap, rhs: ValueMap) -> Bool { lhs.storage == rhs.storage }
}
