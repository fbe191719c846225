import Yams

/// Parses `updateconf` arguments (`common.parse_settings`).
///
/// `key:value` splits at the first `:`; `true`/`false` in any case are booleans; other values
/// are YAML (`5000`, `'[a, b]'`, `{enabled: true}`); an empty value is null, which deletes the
/// key from scylla.yaml. `a.b:v` nests one level (`{a: {b: v}}`).
enum SettingParser {
  /// The settings as an ordered mapping, or `CCMError.malformedSetting` for the first bad one.
  static func parse(_ arguments: [String]) throws(CCMError) -> Node.Mapping {
    var settings = Node.Mapping([])
    for argument in arguments {
      guard let colon = argument.firstIndex(of: ":") else { throw .malformedSetting(argument) }
      let key = argument[..<colon].trimmingCharacters(in: .whitespaces)
      let text = argument[argument.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      guard !key.isEmpty, !key.hasPrefix("."), !key.hasSuffix(".") else {
        throw .malformedSetting(argument)
      }
      let value = try parseValue(text, argument: argument)
      let path = key.split(separator: ".", omittingEmptySubsequences: false)
      if path.count == 2 {
        let outer = String(path[0])
        var nested = settings[outer]?.mapping ?? Node.Mapping([])
        nested[String(path[1])] = value
        settings[outer] = .mapping(nested)
      } else {
        settings[key] = value
      }
    }
    return settings
  }

  private static func parseValue(_ text: String, argument: String) throws(CCMError) -> Node {
    switch text.lowercased() {
    case "true": return YAMLScalar.bool(true)
    case "false": return YAMLScalar.bool(false)
    case "": return YAMLScalar.null
    default:
      guard let node = try? Yams.compose(yaml: text) else { throw .malformedSetting(argument) }
      return node.pyYAMLStyled
    }
  }
}
