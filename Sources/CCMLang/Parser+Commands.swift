/// Command lines: shell-like words, quoting, `$name`, `${expr}` and `$(capture)`.
extension Parser {
  /// Parses the production below (as in docs/language.md).
  ///
  /// command = word { word } ;
  /// capture = "$(" command ")" ;   (`open` is the `$(` token when parsing a capture)
  mutating func parseCommand(closing open: Token?) throws -> Command {
    if let open { try enter(at: open) }
    defer { if open != nil { leave() } }
    var words: [Word] = []
    while true {
      let token = peek(.word)
      if token.isTerminator || token.kind == .symbol(.rightParen) { break }
      words.append(try parseWord())
    }
    guard let open else {
      guard let first = words.first, let last = words.last else {
        throw expected("a command", found: peek(.word))
      }
      return Command(words: words, range: first.range.through(last.range))
    }
    let close = peek(.word)
    guard close.kind == .symbol(.rightParen) else {
      throw expected("')' to close '$(' at \(range(of: open).location)", found: close)
    }
    next(.word)
    guard !words.isEmpty else { throw error("'$()' needs a command inside", at: close) }
    return Command(words: words, range: range(open.start, close.end))
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// word = piece { piece } ;
  /// piece = BARE | STRING | RAW | "$" NAME | "${" expr "}" | capture ;
  mutating func parseWord() throws -> Word {
    var pieces: [WordPiece] = []
    let first = peek(.word)
    while true {
      let token = peek(.word)
      if !pieces.isEmpty, token.leadingSpace { break }
      switch token.kind {
      case .bare(let text):
        next(.word)
        pieces.append(.text(text, quoted: false, range(of: token)))
      case .raw(let text):
        next(.word)
        pieces.append(.text(text, quoted: true, range(of: token)))
      case .quote, .tripleQuote:
        let string = try parseString()
        if case .string(let parts) = string.kind {
          // A leading quoted text piece keeps `"$x"` a string even when `x` is a list.
          pieces.append(.text("", quoted: true, range(string.range.start, string.range.start)))
          pieces.append(contentsOf: parts)
        }
      case .dollarName(let name):
        next(.word)
        pieces.append(.variable(name, range(of: token)))
      case .dollarBrace:
        pieces.append(.interpolation(try parseInterpolation()))
      case .dollarParen:
        next(.word)
        pieces.append(.capture(try parseCommand(closing: token)))
      default:
        guard pieces.isEmpty else {
          return Word(pieces: pieces, range: range(first.start, previousEnd))
        }
        throw unexpectedInCommand(token)
      }
    }
    return Word(pieces: pieces, range: range(first.start, previousEnd))
  }

  private func unexpectedInCommand(_ token: Token) -> ParseError {
    switch token.kind {
    case .symbol(let symbol):
      return error(
        "unexpected '\(symbol.rawValue)' in a command", at: token,
        notes: ["quote it to pass it as text: '\(symbol.rawValue)'"])
    default:
      return expected("a command word", found: token)
    }
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// "${" expr "}"
  mutating func parseInterpolation() throws -> Expr {
    let open = next(.word)
    try enter(at: open)
    nesting += 1
    defer {
      leave()
      nesting -= 1
    }
    let inner = try parseExpression()
    _ = try expect(
      .rightBrace, .nestedExpression, context: "to close '${' at \(range(of: open).location)")
    return inner
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// STRING = '"' { TEXT | "$" NAME | "${" expr "}" | capture } '"'   (or `"""` … `"""`)
  mutating func parseString() throws -> Expr {
    let open = next(.word)
    let mode: LexMode = open.kind == .tripleQuote ? .tripleString : .string
    var pieces: [WordPiece] = []
    while true {
      let token = peek(mode)
      switch token.kind {
      case .quote, .tripleQuote:
        next(mode)
        return Expr(kind: .string(pieces), range: range(open.start, token.end))
      case .stringText(let text):
        next(mode)
        let trimmed =
          pieces.isEmpty && mode == .tripleString && text.hasPrefix("\n")
          ? String(text.dropFirst()) : text
        pieces.append(.text(trimmed, quoted: true, range(of: token)))
      case .dollarName(let name):
        next(mode)
        pieces.append(.variable(name, range(of: token)))
      case .dollarBrace:
        let saved = nesting
        nesting = 0
        defer { nesting = saved }
        pieces.append(.interpolation(try parseInterpolation()))
      case .dollarParen:
        next(mode)
        pieces.append(.capture(try parseCommand(closing: token)))
      case .endOfInput:
        throw error("unterminated string (opened at \(range(of: open).location))", at: token)
      default:
        throw expected("the rest of the string", found: token)
      }
    }
  }
}
