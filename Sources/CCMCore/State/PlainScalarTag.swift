import Yams

/// The YAML 1.1 type of a plain scalar (`true` a bool, `7000` an int, empty a null), decided
/// without regular expressions.
///
/// Why: Yams' default resolver compiles seven `NSRegularExpression`s the first time any tag is
/// resolved, which loads ICU: 1.5–3.4 ms of CPU in a `ccmsh status` of about 13 ms. State files
/// are parsed with Yams' rule-less resolver and their plain scalars tagged here instead; the
/// rules are Yams' own (`Resolver.Rule.bool` … `.value`, in that order), and
/// `PlainScalarTagTests` holds the two to the same answers.
enum PlainScalarTag {
  /// The tag Yams' default resolver gives the plain scalar `text`.
  static func name(of text: String) -> Tag.Name {
    let bytes = Array(text.utf8)
    if isBool(bytes) { return .bool }
    if isInt(bytes) { return .int }
    if isFloat(bytes) { return .float }
    if bytes == [UInt8(ascii: "<"), UInt8(ascii: "<")] { return .merge }
    if isNull(bytes) { return .null }
    if isTimestamp(bytes) { return .timestamp }
    if bytes == [UInt8(ascii: "=")] { return .value }
    return .str
  }

  /// `node` with every plain scalar's tag decided here, each tag (and every collection's) on
  /// Yams' rule-less resolver, so nothing read back resolves a tag through the regexes.
  static func tagged(_ node: Node) -> Node {
    switch node {
    case .scalar(let scalar):
      guard scalar.tag.description == Tag.Name.implicit.rawValue else { return node }
      let tag = Tag(name(of: scalar.string), .basic, .default)
      return .scalar(Node.Scalar(scalar.string, tag, scalar.style, scalar.mark))
    case .mapping(let mapping):
      let pairs = mapping.map { (tagged($0.key), tagged($0.value)) }
      return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    case .sequence(let sequence):
      return .sequence(
        Node.Sequence(sequence.map(tagged), sequence.tag, sequence.style, sequence.mark))
    case .alias:
      return node
    }
  }

  private static let boolWords: Set<String> = [
    "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
    "on", "On", "ON", "off", "Off", "OFF",
  ]

  private static func isBool(_ bytes: [UInt8]) -> Bool {
    bytes.count <= 5 && boolWords.contains(String(decoding: bytes, as: UTF8.self))
  }

  private static func isNull(_ bytes: [UInt8]) -> Bool {
    switch String(decoding: bytes, as: UTF8.self) {
    case "", "~", "null", "Null", "NULL": return true
    default: return false
    }
  }

  /// Yams' int rule.
  ///
  /// `[-+]?0b[0-1_]+ | [-+]?0o?[0-7_]+ | [-+]?(?:0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ |
  /// [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+`
  private static func isInt(_ bytes: [UInt8]) -> Bool {
    var scan = Scan(bytes)
    scan.sign()
    let body = scan
    if scan.literal("0b"), scan.many(binary) { return scan.atEnd }
    scan = body
    if scan.literal("0") {
      _ = scan.literal("o")
      if scan.many(octal), scan.atEnd { return true }
    }
    scan = body
    if scan.literal("0"), scan.atEnd { return true }
    scan = body
    if scan.one(nonZeroDigit) {
      scan.any(digitOrUnderscore)
      if scan.atEnd { return true }
    }
    scan = body
    if scan.literal("0x"), scan.many(hexDigit) { return scan.atEnd }
    scan = body
    if scan.one(nonZeroDigit) {
      scan.any(digitOrUnderscore)
      if scan.sexagesimal(), scan.atEnd { return true }
    }
    return false
  }

  /// Yams' float rule.
  ///
  /// `[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)? | \.[0-9_]+(?:[eE][-+][0-9]+)? |
  /// [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)`
  private static func isFloat(_ bytes: [UInt8]) -> Bool {
    var scan = Scan(bytes)
    scan.sign()
    let signed = scan
    if scan.one(digit) {
      scan.any(digitOrUnderscore)
      var fraction = scan
      if fraction.literal(".") {
        fraction.any(digitOrUnderscore)
        scan = fraction
      }
      var exponent = scan
      if exponent.one({ $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
        exponent.sign()
        if exponent.many(digit) { scan = exponent }
      }
      if scan.atEnd { return true }
    }
    scan = Scan(bytes)
    if scan.literal("."), scan.many(digitOrUnderscore) {
      var exponent = scan
      if exponent.one({ $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
        exponent.one({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }),
        exponent.many(digit)
      {
        scan = exponent
      }
      if scan.atEnd { return true }
    }
    scan = signed
    if scan.one(digit) {
      scan.any(digitOrUnderscore)
      if scan.sexagesimal(), scan.literal(".") {
        scan.any(digitOrUnderscore)
        if scan.atEnd { return true }
      }
    }
    scan = signed
    for word in [".inf", ".Inf", ".INF"] {
      var attempt = scan
      if attempt.literal(word), attempt.atEnd { return true }
    }
    return [".nan", ".NaN", ".NAN"].contains(String(decoding: bytes, as: UTF8.self))
  }

  /// Yams' timestamp rule.
  ///
  /// `[0-9]{4}-[0-9]{2}-[0-9]{2} | [0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?
  /// :[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?`
  private static func isTimestamp(_ bytes: [UInt8]) -> Bool {
    var scan = Scan(bytes)
    guard scan.count(digit, 4), scan.literal("-") else { return false }
    let afterYear = scan
    if scan.count(digit, 2), scan.literal("-"), scan.count(digit, 2), scan.atEnd { return true }
    scan = afterYear
    guard scan.upTo2Digits(), scan.literal("-"), scan.upTo2Digits() else { return false }
    if !scan.one({ $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") }) {
      guard scan.many(blank) else { return false }
    }
    guard scan.upTo2Digits(), scan.literal(":"), scan.count(digit, 2), scan.literal(":"),
      scan.count(digit, 2)
    else { return false }
    var fraction = scan
    if fraction.literal(".") {
      fraction.any(digit)
      scan = fraction
    }
    if scan.atEnd { return true }
    scan.any(blank)
    if scan.literal("Z") { return scan.atEnd }
    guard scan.one({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }), scan.upTo2Digits()
    else { return false }
    if scan.atEnd { return true }
    return scan.literal(":") && scan.count(digit, 2) && scan.atEnd
  }

  private static func digit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
  private static func nonZeroDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9")
  }
  private static func digitOrUnderscore(_ byte: UInt8) -> Bool {
    digit(byte) || byte == UInt8(ascii: "_")
  }
  private static func binary(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "0") || byte == UInt8(ascii: "1") || byte == UInt8(ascii: "_")
  }
  private static func octal(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7")) || byte == UInt8(ascii: "_")
  }
  private static func hexDigit(_ byte: UInt8) -> Bool {
    digitOrUnderscore(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
  }
  private static func blank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
  }

  /// A position in the scalar's bytes; each step consumes only when it matches.
  private struct Scan {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func one(_ accepts: (UInt8) -> Bool) -> Bool {
      guard index < bytes.count, accepts(bytes[index]) else { return false }
      index += 1
      return true
    }

    mutating func any(_ accepts: (UInt8) -> Bool) {
      while one(accepts) {}
    }

    mutating func many(_ accepts: (UInt8) -> Bool) -> Bool {
      guard one(accepts) else { return false }
      any(accepts)
      return true
    }

    mutating func count(_ accepts: (UInt8) -> Bool, _ times: Int) -> Bool {
      for _ in 0..<times where !one(accepts) { return false }
      return true
    }

    mutating func upTo2Digits() -> Bool {
      guard one(PlainScalarTag.digit) else { return false }
      _ = one(PlainScalarTag.digit)
      return true
    }

    mutating func literal(_ text: String) -> Bool {
      let word = Array(text.utf8)
      guard bytes.count - index >= word.count,
        Array(bytes[index..<index + word.count]) == word
      else { return false }
      index += word.count
      return true
    }

    mutating func sign() {
      _ = one { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
    }

    /// Sexagesimal groups, `(?::[0-5]?[0-9])+`.
    mutating func sexagesimal() -> Bool {
      var matched = false
      while true {
        var step = self
        guard step.literal(":") else { break }
        let mark = step
        if step.one({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "5") }),
          step.one(PlainScalarTag.digit)
        {
          self = step
        } else {
          step = mark
          guard step.one(PlainScalarTag.digit) else { break }
          self = step
        }
        matched = true
      }
      return matched
    }
  }
}
