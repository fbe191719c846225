/// `name=value` from outside, typed by the param's default: a script that declares
/// `param rounds = 3` gets a number or an error, never the string `abc` silently.
///
/// The rules: a number default takes a number (an integer when the default is one); a
/// duration default takes a duration with its unit (`10s`; a bare `10` is refused, as it could
/// mean seconds or milliseconds); a bool takes `true` or `false`; a string takes the text as
/// given (`image=6` stays the string "6"); a list takes comma-separated items, each typed like an
/// unquoted word; a nil default takes any value typed like an unquoted word. An empty value is
/// an error except for strings.
enum ParamOverride {
  struct Mismatch: Error {
    let message: String
    let notes: [String]
  }

  static func value(
    _ text: String, name: String, default original: Value
  ) throws(Mismatch) -> Value {
    let given = Value.typed(bareWord: text)
    func refuse(_ expected: String, example: String) -> Mismatch {
      let got = text.isEmpty ? "an empty value" : "'\(text)'"
      return Mismatch(
        message: "param '\(name)' expects \(expected), got \(got)",
        notes: ["its default is \(original.literal); write for example \(name)=\(example)"])
    }
    switch original {
    case .number(let number):
      let integral = number == number.rounded()
      guard case .number(let value) = given, !integral || value == value.rounded() else {
        throw integral
          ? refuse("an integer", example: Value.format(number))
          : refuse("a number", example: Value.format(number))
      }
      return given
    case .duration(let seconds):
      guard case .duration = given else {
        throw refuse("a duration with its unit", example: Value.formatDuration(seconds))
      }
      return given
    case .bool:
      switch text {
      case "true": return .bool(true)
      case "false": return .bool(false)
      default: throw refuse("true or false", example: "true")
      }
    case .string:
      return .string(text)
    case .list:
      if text.isEmpty { return .list([]) }
      return .list(
        text.split(separator: ",", omittingEmptySubsequences: false).map {
          Value.typed(bareWord: String($0))
        })
    case .null, .map:
      return given
    }
  }
}
