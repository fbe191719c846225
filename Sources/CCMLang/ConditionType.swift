/// What the checker can tell about a condition's type before anything runs.
///
/// A condition must be a bool (`if 1` is an error, not "truthy"). When the expression's type is
/// fixed by its form — a number, a string, a list, arithmetic — the script is refused at check
/// time: `wait until 5 timeout 2s` would otherwise fail only after it ran.
enum ConditionType {
  /// The type name (`a number`) when `expression` can never be a bool, else nil.
  static func nonBool(_ expression: Expr) -> String? {
    switch expression.kind {
    case .literal(let value):
      if case .bool = value { return nil }
      return value.typeName
    case .string: return "a string"
    case .list: return "a list"
    case .range: return "a list"
    case .negate: return "a number"
    case .chain(_, let links):
      guard let operation = links.first?.operation else { return nil }
      switch operation {
      case .add, .subtract, .multiply, .divide, .remainder: return "a number or a string"
      default: return nil
      }
    case .name, .capture, .not, .binary, .member, .index: return nil
    }
  }
}
