/// A type or domain error in an operator or property; the evaluator adds the source range.
struct ValueError: Error {
  let message: String
  var notes: [String] = []
  init(_ message: String, notes: [String] = []) {
    self.message = message
    self.notes = notes
  }
}

extension Value {
  /// `+ - * / %` and the comparisons; `and`/`or` are short-circuited by the evaluator.
  static func apply(_ operation: BinaryOperator, _ left: Value, _ right: Value) throws -> Value {
    switch operation {
    case .equal: return .bool(left == right)
    case .notEqual: return .bool(left != right)
    case .less, .lessEqual, .greater, .greaterEqual:
      return .bool(try compare(operation, left, right))
    case .in: return .bool(try contains(right, left, operation: "in"))
    case .contains: return .bool(try contains(left, right, operation: "contains"))
    case .matches: return .bool(try matches(left, right))
    case .add, .subtract, .multiply, .divide, .remainder:
      return try arithmetic(operation, left, right)
    case .and, .or:
      guard case .bool(let lhs) = left, case .bool(let rhs) = right else {
        throw mismatch(operation, left, right)
      }
      return .bool(operation == .and ? lhs && rhs : lhs || rhs)
    }
  }

  private static func mismatch(_ operation: BinaryOperator, _ left: Value, _ right: Value)
    -> ValueError
  {
    ValueError("cannot apply '\(operation.rawValue)' to \(left.typeName) and \(right.typeName)")
  }

  private static func compare(_ operation: BinaryOperator, _ left: Value, _ right: Value) throws
    -> Bool
  {
    switch (left, right) {
    case (.number(let lhs), .number(let rhs)), (.duration(let lhs), .duration(let rhs)):
      return ordered(operation, lhs, rhs)
    case (.string(let lhs), .string(let rhs)):
      return ordered(operation, lhs, rhs)
    default:
      throw mismatch(operation, left, right)
    }
  }

  private static func ordered<T: Comparable>(_ operation: BinaryOperator, _ lhs: T, _ rhs: T)
    -> Bool
  {
    switch operation {
    case .less: return lhs < rhs
    case .lessEqual: return lhs <= rhs
    case .greater: return lhs > rhs
    default: return lhs >= rhs
    }
  }

  /// `container contains element`: list element, map key, or substring.
  private static func contains(_ container: Value, _ element: Value, operation: String) throws
    -> Bool
  {
    switch (container, element) {
    case (.list(let items), _): return items.contains(element)
    case (.map(let map), .string(let key)): return map[key] != nil
    case (.string(let text), .string(let part)): return text.contains(part)
    default:
      throw ValueError(
        "cannot apply '\(operation)' to \(container.typeName) and \(element.typeName)")
    }
  }

  private static func matches(_ text: Value, _ pattern: Value) throws -> Bool {
    guard case .string(let string) = text, case .string(let source) = pattern else {
      throw mismatch(.matches, text, pattern)
    }
    do {
      let regex = try Regex(source)
      return try regex.firstMatch(in: string) != nil
    } catch {
      throw ValueError("invalid regular expression \(pattern.literal): \(error)")
    }
  }

  private static func arithmetic(_ operation: BinaryOperator, _ left: Value, _ right: Value) throws
    -> Value
  {
    switch (operation, left, right) {
    case (_, .number(let lhs), .number(let rhs)):
      return .number(try numeric(operation, lhs, rhs))
    case (.add, .duration(let lhs), .duration(let rhs)),
      (.subtract, .duration(let lhs), .duration(let rhs)):
      return .duration(try numeric(operation, lhs, rhs))
    case (.multiply, .duration(let lhs), .number(let rhs)),
      (.divide, .duration(let lhs), .number(let rhs)):
      return .duration(try numeric(operation, lhs, rhs))
    case (.multiply, .number(let lhs), .duration(let rhs)):
      return .duration(lhs * rhs)
    case (.divide, .duration(let lhs), .duration(let rhs)):
      return .number(try numeric(.divide, lhs, rhs))
    case (.add, .string(let lhs), _):
      return .string(lhs + right.text)
    case (.add, .list(let lhs), .list(let rhs)):
      return .list(lhs + rhs)
    default:
      throw mismatch(operation, left, right)
    }
  }

  private static func numeric(_ operation: BinaryOperator, _ lhs: Double, _ rhs: Double) throws
    -> Double
  {
    switch operation {
    case .add: return lhs + rhs
    case .subtract: return lhs - rhs
    case .multiply: return lhs * rhs
    case .divide:
      guard rhs != 0 else { throw ValueError("division by zero") }
      return lhs / rhs
    default:
      guard rhs != 0 else { throw ValueError("remainder by zero") }
      return lhs.truncatingRemainder(dividingBy: rhs)
    }
  }

  /// `.count .lines .keys .values`, and fields of maps (command results).
  func property(_ name: String) throws -> Value {
    switch (self, name) {
    case (.list(let items), "count"): return .number(Double(items.count))
    case (.string(let text), "count"): return .number(Double(text.count))
    case (.string(let text), "lines"):
      return .list(
        text.split(separator: "\n", omittingEmptySubsequences: false).map { .string(String($0)) }
          .dropLastIfEmpty())
    case (.map(let map), _):
      if let field = map[name] { return field }
      switch name {
      case "count": return .number(Double(map.count))
      case "keys": return .list(map.keys.map { .string($0) })
      case "values": return .list(map.values)
      default:
        if map["ok"] == .bool(false), case .string(let failure)? = map["error"] {
          // The field is missing because the command failed: why it failed is the news.
          throw ValueError(failure, notes: ["a failed command has no field '\(name)'"])
        }
        throw ValueError("no field '\(name)'", notes: [Self.fieldHint(name, among: map.keys)])
      }
    default:
      throw ValueError(
        "\(typeName) has no property '\(name)'",
        notes: [
          "properties: .count .lines (strings), .count (lists), .keys .values and fields (maps)"
        ])
    }
  }

  /// `list[n]` (0-based) and `map[key]`.
  func element(at index: Value) throws -> Value {
    switch (self, index) {
    case (.list(let items), .number(let number)):
      guard number == number.rounded(), number >= 0, number < Double(items.count) else {
        throw ValueError("index \(index.text) is out of range for a list of \(items.count)")
      }
      return items[Int(number)]
    case (.map(let map), .string(let key)):
      guard let value = map[key] else {
        throw ValueError(
          "no key \(index.literal)", notes: ["its keys are: \(map.keys.joined(separator: ", "))"])
      }
      return value
    default:
      throw ValueError("cannot index \(typeName) with \(index.typeName)")
    }
  }
}

extension Array where Element == Value {
  fileprivate func dropLastIfEmpty() -> [Value] {
    last == .string("") ? Array(dropLast()) : self
  }
}
