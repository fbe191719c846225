import CCMLang

/// How a command's structured result becomes the fields of a `$(…)` value.
///
/// An object's keys become fields as they are (`$(status).nodes`, `$(node1 nodetool status).rows`);
/// a list gets the name the command's words suggest (`$(liveset).ips`, `$(list).clusters`), and
/// `show` adds `.address` so a script need not dig through `.storage`.
enum ValueMapping {
  /// The script value of a command value: numbers become numbers, objects maps, in order.
  static func value(_ value: CommandValue) -> Value {
    switch value {
    case .null: return .null
    case .bool(let flag): return .bool(flag)
    case .int(let number): return .number(Double(number))
    case .string(let text): return .string(text)
    case .list(let items): return .list(items.map(Self.value))
    case .object(let fields): return .map(ValueMap(fields.map { ($0.key, Self.value($0.value)) }))
    }
  }

  /// The fields `$(argv…)` shows besides `.ok .code .out .err`.
  static func fields(for argv: [String], value: CommandValue) -> ValueMap {
    switch value {
    case .null:
      return [:]
    case .object(let fields):
      var map = ValueMap(fields.map { ($0.key, Self.value($0.value)) })
      if argv.dropFirst().first == "show", let address = value["storage"]?["address"] {
        map["address"] = Self.value(address)
      }
      return map
    case .list:
      return [listName(for: argv): Self.value(value)]
    default:
      return ["value": Self.value(value)]
    }
  }

  /// The field name of a command whose value is a list.
  static func listName(for argv: [String]) -> String {
    switch argv.first {
    case "liveset": return "ips"
    case "list": return "clusters"
    default: return "items"
    }
  }
}
