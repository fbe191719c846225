import CCMLang

/// How a command's structured value becomes a script value.
///
/// Which fields `$(…)` shows is the command's own declaration (`ShellCommand.scriptFields`:
/// `$(liveset).ips`, `$(list).clusters`, `$(node2 show).address`); this only converts them.
enum ValueMapping {
  /// The script value of a command value: numbers become numbers, objects maps, in order.
  static func value(_ value: CommandValue) -> Value {
    switch value {
    case .null: return .null
    case .bool(let flag): return .bool(flag)
    case .int(let number): return .number(Double(number))
    case .string(let text): return .string(text)
    case .list(let items): return .list(items.map(Self.value))
    case .object(let fields): return .map(Self.fields(fields))
    }
  }

  /// Declared fields as a script map, in order.
  static func fields(_ fields: [CommandValue.Field]) -> ValueMap {
    ValueMap(fields.map { ($0.key, Self.value($0.value)) })
  }
}
