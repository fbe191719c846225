/// Expressions: precedence climbing, one function per level.
extension Parser {
  private static let orOperator: [String: BinaryOperator] = ["or": .or]
  private static let andOperator: [String: BinaryOperator] = ["and": .and]
  private static let sumOperators: [Symbol: BinaryOperator] = [.plus: .add, .minus: .subtract]
  private static let productOperators: [Symbol: BinaryOperator] = [
    .star: .multiply, .slash: .divide, .percent: .remainder,
  ]
  private static let comparisons: [Symbol: BinaryOperator] = [
    .equal: .equal, .notEqual: .notEqual, .less: .less, .lessEqual: .lessEqual, .greater: .greater,
    .greaterEqual: .greaterEqual,
  ]

  var expressionMode: LexMode { nesting > 0 ? .nestedExpression : .expression }

  /// Parses the production below (as in docs/language.md).
  ///
  /// expr = and { "or" and } ;
  mutating func parseExpression() throws -> Expr {
    try parseLeftAssociative(operators: Self.orOperator) { try $0.parseAnd() }
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// and = not { "and" not } ;
  mutating func parseAnd() throws -> Expr {
    try parseLeftAssociative(operators: Self.andOperator) { try $0.parseNot() }
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// not = "not" not | compare ;
  mutating func parseNot() throws -> Expr {
    let token = peek(expressionMode)
    guard token.kind == .name("not") else { return try parseCompare() }
    next(expressionMode)
    try enter(at: token)
    defer { leave() }
    let operand = try parseNot()
    return Expr(kind: .not(operand), range: range(token.start, operand.range.end))
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// compare = range [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "contains" | "matches" ) range ] ;
  mutating func parseCompare() throws -> Expr {
    let left = try parseRange()
    let token = peek(expressionMode)
    let comparison: BinaryOperator?
    switch token.kind {
    case .symbol(let symbol): comparison = Self.comparisons[symbol]
    case .name("in"): comparison = .in
    case .name("contains"): comparison = .contains
    case .name("matches"): comparison = .matches
    default: comparison = nil
    }
    guard let comparison else {
      if token.kind == .symbol(.assign) {
        throw error("'=' is not a comparison", at: token, notes: ["to compare use '=='"])
      }
      return left
    }
    next(expressionMode)
    let right = try parseRange()
    let after = peek(expressionMode)
    if case .symbol(let symbol) = after.kind, Self.comparisons[symbol] != nil {
      throw error(
        "comparisons cannot be chained", at: after,
        notes: ["combine them with 'and': `a < b and b < c`"])
    }
    return Expr(kind: .binary(comparison, left, right), range: left.range.through(right.range))
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// range = sum [ ".." sum ] ;
  mutating func parseRange() throws -> Expr {
    let low = try parseSum()
    guard peek(expressionMode).kind == .symbol(.dotDot) else { return low }
    next(expressionMode)
    let high = try parseSum()
    return Expr(kind: .range(low, high), range: low.range.through(high.range))
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// sum = product { ( "+" | "-" ) product } ;
  mutating func parseSum() throws -> Expr {
    try parseLeftAssociative(symbols: Self.sumOperators) { try $0.parseProduct() }
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// product = unary { ( "*" | "/" | "%" ) unary } ;
  mutating func parseProduct() throws -> Expr {
    try parseLeftAssociative(symbols: Self.productOperators) { try $0.parseUnary() }
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// unary = [ "-" ] postfix ;
  mutating func parseUnary() throws -> Expr {
    let token = peek(expressionMode)
    guard token.kind == .symbol(.minus) else { return try parsePostfix() }
    next(expressionMode)
    let operand = try parsePostfix()
    return Expr(kind: .negate(operand), range: range(token.start, operand.range.end))
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// postfix = primary { "." NAME | "[" expr "]" } ;
  mutating func parsePostfix() throws -> Expr {
    var expression = try parsePrimary()
    var levels = 0
    defer { leave(levels) }
    while true {
      let token = peek(expressionMode)
      if token.kind == .symbol(.dot) {
        next(expressionMode)
        let nameToken = peek(expressionMode)
        guard case .name(let name) = nameToken.kind else {
          throw expected("a property name after '.'", found: nameToken)
        }
        next(expressionMode)
        levels += 1
        try enter(at: token)
        expression = Expr(
          kind: .member(expression, name), range: range(expression.range.start, nameToken.end))
      } else if token.kind == .symbol(.leftBracket), !token.leadingSpace {
        next(expressionMode)
        levels += 1
        try enter(at: token)
        nesting += 1
        defer { nesting -= 1 }
        let index = try parseExpression()
        let close = try expect(.rightBracket, .nestedExpression, context: "to close the index")
        expression = Expr(
          kind: .index(expression, index), range: range(expression.range.start, close.end))
      } else {
        return expression
      }
    }
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// primary = NUMBER | DURATION | STRING | RAW | "true" | "false" | "nil" | NAME
  ///         | capture | "[" [ expr { "," expr } ] "]" | "(" expr ")" ;
  mutating func parsePrimary() throws -> Expr {
    let token = peek(expressionMode)
    let literal: Value?
    switch token.kind {
    case .number(let number): literal = .number(number)
    case .duration(let seconds): literal = .duration(seconds)
    case .raw(let text): literal = .string(text)
    case .name("true"): literal = .bool(true)
    case .name("false"): literal = .bool(false)
    case .name("nil"): literal = .null
    default: literal = nil
    }
    if let literal {
      next(expressionMode)
      if case .raw = token.kind {
        return Expr(
          kind: .string([.text(literal.text, quoted: true, range(of: token))]),
          range: range(of: token))
      }
      return Expr(kind: .literal(literal), range: range(of: token))
    }
    switch token.kind {
    case .name(let name) where !expressionKeywords.contains(name):
      next(expressionMode)
      return Expr(kind: .name(name), range: range(of: token))
    case .quote, .tripleQuote:
      return try parseString()
    case .dollarParen:
      next(expressionMode)
      let command = try parseCommand(closing: token)
      return Expr(kind: .capture(command), range: command.range)
    case .dollarName(let name):
      throw error(
        "'$\(name)' is for command words; in an expression write the name alone", at: token,
        notes: ["use `\(name)`, or \"$\(name)\" for its text"])
    case .symbol(.leftBracket), .symbol(.leftParen):
      return try parseGroup(open: token)
    default:
      throw expected("an expression", found: token)
    }
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// "[" [ expr { "," expr } ] "]" | "(" expr ")"
  private mutating func parseGroup(open: Token) throws -> Expr {
    next(expressionMode)
    try enter(at: open)
    nesting += 1
    defer {
      leave()
      nesting -= 1
    }
    if open.kind == .symbol(.leftParen) {
      let inner = try parseExpression()
      let close = try expect(.rightParen, .nestedExpression, context: "to close '('")
      return Expr(kind: inner.kind, range: range(open.start, close.end))
    }
    var items: [Expr] = []
    while peek(.nestedExpression).kind != .symbol(.rightBracket) {
      items.append(try parseExpression())
      guard peek(.nestedExpression).kind == .symbol(.comma) else { break }
      next(.nestedExpression)
    }
    let close = try expect(.rightBracket, .nestedExpression, context: "to close the list")
    return Expr(kind: .list(items), range: range(open.start, close.end))
  }

  /// One precedence level's `operand { operator operand }`, read in a loop into a flat chain.
  private mutating func parseLeftAssociative(
    operators: [String: BinaryOperator] = [:], symbols: [Symbol: BinaryOperator] = [:],
    operand: (inout Parser) throws -> Expr
  ) throws -> Expr {
    let first = try operand(&self)
    var links: [ChainLink] = []
    while true {
      let token = peek(expressionMode)
      let found: BinaryOperator?
      switch token.kind {
      case .name(let name): found = operators[name]
      case .symbol(let symbol): found = symbols[symbol]
      default: found = nil
      }
      guard let found else { break }
      next(expressionMode)
      links.append(ChainLink(operation: found, operand: try operand(&self)))
    }
    guard let last = links.last else { return first }
    return Expr(kind: .chain(first, links), range: first.range.through(last.operand.range))
  }
}
