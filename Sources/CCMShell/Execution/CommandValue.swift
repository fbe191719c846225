/// A command's structured result, for `--json` and for scripts (`$(status)`), independent of
/// the text the command prints.
enum CommandValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case string(String)
  case list([CommandValue])
  /// Keys keep their order so JSON output is stable and reads like the text output.
  case object([Field])

  /// One key of an `.object`.
  struct Field: Sendable, Equatable {
    let key: String
    let value: CommandValue
  }

  /// Builds an object from ordered pairs.
  static func object(_ pairs: KeyValuePairs<String, CommandValue>) -> CommandValue {
    .object(pairs.map { Field(key: $0.key, value: $0.value) })
  }

  /// The value under `key` of an object; nil otherwise.
  subscript(key: String) -> CommandValue? {
    guard case .object(let fields) = self else { return nil }
    return fields.first { $0.key == key }?.value
  }

  /// A string or null.
  static func optional(_ text: String?) -> CommandValue { text.map(CommandValue.string) ?? .null }
}
