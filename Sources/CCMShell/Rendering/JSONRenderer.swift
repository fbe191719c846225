/// Renders a `CommandValue` as pretty-printed JSON (2-space indent, keys in their given order).
enum JSONRenderer {
  static func render(_ value: CommandValue) -> String {
    var text = ""
    write(value, indent: "", into: &text)
    return text + "\n"
  }

  private static func write(_ value: CommandValue, indent: String, into text: inout String) {
    let inner = indent + "  "
    switch value {
    case .null: text += "null"
    case .bool(let flag): text += flag ? "true" : "false"
    case .int(let number): text += String(number)
    case .string(let string): text += quoted(string)
    case .list(let items):
      guard !items.isEmpty else { text += "[]"; return }
      text += "[\n"
      for (index, item) in items.enumerated() {
        text += inner
        write(item, indent: inner, into: &text)
        text += index == items.count - 1 ? "\n" : ",\n"
      }
      text += indent + "]"
    case .object(let fields):
      guard !fields.isEmpty else { text += "{}"; return }
      text += "{\n"
      for (index, field) in fields.enumerated() {
        text += inner + quoted(field.key) + ": "
        write(field.value, indent: inner, into: &text)
        text += index == fields.count - 1 ? "\n" : ",\n"
      }
      text += indent + "}"
    }
  }

  private static func quoted(_ string: String) -> String {
    var result = "\""
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
