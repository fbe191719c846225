import CCMWait

/// An on-demand scanner: `scan(from:mode:)` returns the token at a position in the mode the parser
/// asks for, and where the next one starts.
///
/// It keeps no state, so the parser can look ahead in one mode and then re-read the same place in
/// another.
struct Lexer {
  let bytes: [UInt8]

  init(_ file: SourceFile) { bytes = file.bytes }

  func scan(from position: Int, mode: LexMode) -> (token: Token, next: Int) {
    switch mode {
    case .string, .tripleString: return scanString(from: position, triple: mode == .tripleString)
    case .word, .expression, .nestedExpression: break
    }
    let start = skipSpace(from: position, newlines: mode == .nestedExpression)
    let leadingSpace = start > position
    func token(_ kind: TokenKind, _ end: Int) -> (token: Token, next: Int) {
      (Token(kind: kind, start: start, end: end, leadingSpace: leadingSpace), end)
    }
    guard start < bytes.count else { return token(.endOfInput, start) }
    let first = bytes[start]
    switch first {
    case UInt8(ascii: "\n"): return token(.newline, start + 1)
    case UInt8(ascii: ";"): return token(.semicolon, start + 1)
    case UInt8(ascii: "\""):
      if byte(at: start + 1) == UInt8(ascii: "\""), byte(at: start + 2) == UInt8(ascii: "\"") {
        return token(.tripleQuote, start + 3)
      }
      return token(.quote, start + 1)
    case UInt8(ascii: "'"):
      guard let close = bytes[(start + 1)...].firstIndex(of: UInt8(ascii: "'")) else {
        return token(.invalid("unterminated raw string", atEnd: true), bytes.count)
      }
      return token(.raw(text(start + 1, close)), close + 1)
    case UInt8(ascii: "$"):
      let (kind, end) = scanDollar(at: start)
      return token(kind, end)
    default: break
    }
    if mode == .word {
      if let symbol = wordSymbol(first) { return token(.symbol(symbol), start + 1) }
      let (kind, end) = scanBare(from: start)
      return token(kind, end)
    }
    let (kind, end) = scanExpressionToken(at: start)
    return token(kind, end)
  }

  private func byte(at offset: Int) -> UInt8? {
    offset < bytes.count ? bytes[offset] : nil
  }

  private func text(_ start: Int, _ end: Int) -> String {
    String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// Skips blanks, comments and `\`-newline continuations (and newlines when asked).
  private func skipSpace(from position: Int, newlines: Bool) -> Int {
    var offset = position
    while offset < bytes.count {
      switch bytes[offset] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        offset += 1
      case UInt8(ascii: "\n") where newlines:
        offset += 1
      case UInt8(ascii: "#"):
        while offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") { offset += 1 }
      case UInt8(ascii: "\\"):
        var after = offset + 1
        if byte(at: after) == UInt8(ascii: "\r") { after += 1 }
        guard byte(at: after) == UInt8(ascii: "\n") else { return offset }
        offset = after + 1
      default:
        return offset
      }
    }
    return offset
  }

  private func wordSymbol(_ byte: UInt8) -> Symbol? {
    switch byte {
    case UInt8(ascii: "{"): return .leftBrace
    case UInt8(ascii: "}"): return .rightBrace
    case UInt8(ascii: "("): return .leftParen
    case UInt8(ascii: ")"): return .rightParen
    default: return nil
    }
  }

  private static func isNameStart(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private static func isNameByte(_ byte: UInt8) -> Bool { isNameStart(byte) || isDigit(byte) }

  private func nameEnd(from start: Int) -> Int {
    var offset = start
    while offset < bytes.count, Self.isNameByte(bytes[offset]) { offset += 1 }
    return offset
  }

  /// `$name`, `${` or `$(`.
  private func scanDollar(at start: Int) -> (TokenKind, Int) {
    guard let next = byte(at: start + 1) else {
      return (.invalid("'$' must be followed by a name, '{' or '('", atEnd: false), start + 1)
    }
    if next == UInt8(ascii: "{") { return (.dollarBrace, start + 2) }
    if next == UInt8(ascii: "(") { return (.dollarParen, start + 2) }
    if Self.isNameStart(next) {
      let end = nameEnd(from: start + 1)
      return (.dollarName(text(start + 1, end)), end)
    }
    return (.invalid("'$' must be followed by a name, '{' or '('", atEnd: false), start + 1)
  }

  /// BARE = run of chars except space " ' $ ; { } ( ) # ; `\x` stands for x.
  private func scanBare(from start: Int) -> (TokenKind, Int) {
    var result: [UInt8] = []
    var offset = start
    loop: while offset < bytes.count {
      let byte = bytes[offset]
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
        UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "$"), UInt8(ascii: ";"),
        UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "("), UInt8(ascii: ")"),
        UInt8(ascii: "#"):
        break loop
      case UInt8(ascii: "\\"):
        guard let escaped = self.byte(at: offset + 1) else {
          return (.invalid("'\\' at the end of the input", atEnd: true), offset + 1)
        }
        let continuation =
          escaped == UInt8(ascii: "\n")
          || (escaped == UInt8(ascii: "\r") && self.byte(at: offset + 2) == UInt8(ascii: "\n"))
        if continuation { break loop }
        result.append(escaped)
        offset += 2
      default:
        result.append(byte)
        offset += 1
      }
    }
    // Never return an empty token: the parser would not advance.
    guard offset > start else { return (.bare(String(UnicodeScalar(bytes[start]))), start + 1) }
    return (.bare(String(decoding: result, as: UTF8.self)), offset)
  }

  private func scanExpressionToken(at start: Int) -> (TokenKind, Int) {
    let byte = bytes[start]
    if Self.isNameStart(byte) {
      let end = nameEnd(from: start)
      return (.name(text(start, end)), end)
    }
    if Self.isDigit(byte) { return scanNumber(at: start) }
    let next = self.byte(at: start + 1)
    if next == UInt8(ascii: "="), let symbol = Self.symbolBeforeEquals(byte) {
      return (.symbol(symbol), start + 2)
    }
    if byte == UInt8(ascii: "."), next == UInt8(ascii: ".") { return (.symbol(.dotDot), start + 2) }
    if let symbol = Self.singleSymbols[Int(byte)] { return (.symbol(symbol), start + 1) }
    let scalar = byte < 0x80 ? "'\(String(UnicodeScalar(byte)))'" : "this character"
    return (.invalid("unexpected \(scalar) in an expression", atEnd: false), start + 1)
  }

  /// `==`, `!=`, `<=`, `>=`: the symbol whose first byte this is.
  private static func symbolBeforeEquals(_ byte: UInt8) -> Symbol? {
    switch byte {
    case UInt8(ascii: "="): return .equal
    case UInt8(ascii: "!"): return .notEqual
    case UInt8(ascii: "<"): return .lessEqual
    case UInt8(ascii: ">"): return .greaterEqual
    default: return nil
    }
  }

  /// One-byte symbols indexed by byte value (ASCII only).
  private static let singleSymbols: [Symbol?] = (0..<256).map { byte in
    byte < 0x80 ? Symbol(rawValue: String(UnicodeScalar(UInt8(byte)))) : nil
  }

  /// NUMBER = digits [ "." digits ] ; DURATION = NUMBER ( "ms" | "s" | "m" | "h" ) .
  private func scanNumber(at start: Int) -> (TokenKind, Int) {
    var offset = start
    while offset < bytes.count, Self.isDigit(bytes[offset]) { offset += 1 }
    if byte(at: offset) == UInt8(ascii: "."), let digit = byte(at: offset + 1), Self.isDigit(digit)
    {
      offset += 1
      while offset < bytes.count, Self.isDigit(bytes[offset]) { offset += 1 }
    }
    let value = Double(text(start, offset)) ?? 0
    let suffixEnd = nameEnd(from: offset)
    guard suffixEnd > offset else { return (.number(value), offset) }
    let suffix = text(offset, suffixEnd)
    guard let unit = DurationUnit(rawValue: suffix) else {
      return (
        .invalid("unknown duration unit '\(suffix)' (use \(DurationUnit.spelled))", atEnd: false),
        suffixEnd
      )
    }
    return (.duration(unit.seconds(of: value)), suffixEnd)
  }

  /// Inside `"…"`: text, `$name`, `${`, `$(`, or the closing quote.
  ///
  /// Escapes \" \\ \$ \n \t; any other backslash is kept as written.
  private func scanString(from start: Int, triple: Bool) -> (token: Token, next: Int) {
    func token(_ kind: TokenKind, _ end: Int) -> (token: Token, next: Int) {
      (Token(kind: kind, start: start, end: end, leadingSpace: false), end)
    }
    guard start < bytes.count else { return token(.endOfInput, start) }
    if bytes[start] == UInt8(ascii: "\"") {
      if !triple { return token(.quote, start + 1) }
      if byte(at: start + 1) == UInt8(ascii: "\""), byte(at: start + 2) == UInt8(ascii: "\"") {
        return token(.tripleQuote, start + 3)
      }
    }
    if bytes[start] == UInt8(ascii: "$"), let next = byte(at: start + 1),
      next == UInt8(ascii: "{") || next == UInt8(ascii: "(") || Self.isNameStart(next)
    {
      let (kind, end) = scanDollar(at: start)
      return token(kind, end)
    }
    var result: [UInt8] = []
    var offset = start
    while offset < bytes.count {
      let byte = bytes[offset]
      if byte == UInt8(ascii: "\"") {
        if !triple { break }
        if self.byte(at: offset + 1) == UInt8(ascii: "\""),
          self.byte(at: offset + 2) == UInt8(ascii: "\"")
        {
          break
        }
      }
      if byte == UInt8(ascii: "$"), offset > start, let next = self.byte(at: offset + 1),
        next == UInt8(ascii: "{") || next == UInt8(ascii: "(") || Self.isNameStart(next)
      {
        break
      }
      if byte == UInt8(ascii: "\\"), let escaped = self.byte(at: offset + 1) {
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"): result.append(escaped)
        case UInt8(ascii: "n"): result.append(UInt8(ascii: "\n"))
        case UInt8(ascii: "t"): result.append(UInt8(ascii: "\t"))
        default: result.append(contentsOf: [byte, escaped])
        }
        offset += 2
        continue
      }
      result.append(byte)
      offset += 1
    }
    return token(.stringText(String(decoding: result, as: UTF8.self)), offset)
  }
}
