/// The result of parsing one source text.
public struct ParseResult: Sendable {
  public let file: SourceFile
  public let statements: [Stmt]
  /// Syntax errors, in source order (at most `Parser.maximumDiagnostics`).
  public let diagnostics: [Diagnostic]

  /// True when the first error is "the input ended too soon" (an open `{`, `(`, `"` …):
  /// the REPL should read another line and parse again rather than report an error.
  public var isIncomplete: Bool { diagnostics.first?.isEndOfInput ?? false }
}

/// Recursive descent over tokens pulled from the `Lexer` in the mode each production needs.
///
/// Each parse function starts with its EBNF production; `docs/language.md` has the same
/// grammar. After an error the parser skips to the end of the line and goes on, so one run
/// reports several problems.
public struct Parser {
  /// Nesting deeper than this (blocks, parentheses, operator chains) is an error, so that
  /// hostile input cannot overflow the stack of the parser, checker or evaluator.
  public static let maximumDepth = 100
  public static let maximumDiagnostics = 20
  /// Words that start a statement (for REPL completion and highlighting).
  public static var keywords: Set<String> { Set(StatementKeyword.allCases.map(\.rawValue)) }

  let file: SourceFile
  private let lexer: Lexer
  private var position = 0
  private var lookahead: (mode: LexMode, token: Token, next: Int, at: Int)?
  private var depth = 0
  /// Open `(` and `[` around the current expression: newlines inside them are ignored.
  var nesting = 0
  private(set) var diagnostics: [Diagnostic] = []

  init(_ file: SourceFile) {
    self.file = file
    lexer = Lexer(file)
  }

  /// Parses a whole script (or one REPL entry).
  public static func parse(_ file: SourceFile) -> ParseResult {
    var parser = Parser(file)
    let statements = parser.parseScript()
    return ParseResult(file: file, statements: statements, diagnostics: parser.diagnostics)
  }

  /// Parses `text` under the name `name` (a path, or `<repl>`).
  public static func parse(_ text: String, name: String) -> ParseResult {
    parse(SourceFile(name: name, text: text))
  }

  // MARK: Tokens

  mutating func peek(_ mode: LexMode) -> Token {
    if let cached = lookahead, cached.mode == mode, cached.at == position { return cached.token }
    let (token, next) = lexer.scan(from: position, mode: mode)
    lookahead = (mode, token, next, position)
    return token
  }

  @discardableResult
  mutating func next(_ mode: LexMode) -> Token {
    let token = peek(mode)
    if let cached = lookahead { position = cached.next }
    return token
  }

  func range(_ start: Int, _ end: Int) -> SourceRange {
    SourceRange(file: file, start: start, end: end)
  }

  func range(of token: Token) -> SourceRange { range(token.start, token.end) }

  var previousEnd: Int { position }

  /// How a token is named in "expected …, found X" messages.
  func describe(_ token: Token) -> String {
    switch token.kind {
    case .endOfInput: return "the end of the input"
    case .newline: return "the end of the line"
    case .invalid(let message, _): return message
    default: return "'\(file.slice(token.start, token.end))'"
    }
  }

  func error(_ message: String, at token: Token, notes: [String] = []) -> ParseError {
    var atEnd = false
    switch token.kind {
    case .endOfInput: atEnd = true
    case .invalid(_, let end): atEnd = end
    default: break
    }
    if case .invalid(let lexical, _) = token.kind {
      return ParseError(Diagnostic(lexical, at: range(of: token), isEndOfInput: atEnd))
    }
    return ParseError(Diagnostic(message, at: range(of: token), notes: notes, isEndOfInput: atEnd))
  }

  func expected(_ what: String, found token: Token, notes: [String] = []) -> ParseError {
    error("expected \(what), found \(describe(token))", at: token, notes: notes)
  }

  mutating func expect(_ symbol: Symbol, _ mode: LexMode, context: String) throws -> Token {
    let token = peek(mode)
    guard token.kind == .symbol(symbol) else {
      throw expected("'\(symbol.rawValue)' \(context)", found: token)
    }
    return next(mode)
  }

  /// Expects a contextual word such as `until`, `in`, `failure` (lexed as a name).
  mutating func expectName(_ word: String, context: String) throws {
    let token = peek(.expression)
    guard token.kind == .name(word) else { throw expected("'\(word)' \(context)", found: token) }
    next(.expression)
  }

  mutating func parseName(_ what: String) throws -> (String, Token) {
    let token = peek(.expression)
    guard case .name(let name) = token.kind else { throw expected(what, found: token) }
    guard !expressionKeywords.contains(name) else {
      throw error("'\(name)' is reserved and cannot be used as a name", at: token)
    }
    next(.expression)
    return (name, token)
  }

  /// Counts one level of nesting; pair with `leave()` (via `defer`).
  mutating func enter(at token: Token) throws {
    depth += 1
    if depth > Self.maximumDepth {
      throw error("nesting is too deep (more than \(Self.maximumDepth) levels)", at: token)
    }
  }

  mutating func leave(_ levels: Int = 1) { depth -= levels }

  // MARK: Statements

  /// Parses the production below (as in docs/language.md).
  ///
  /// script = { stmt | end } ;
  mutating func parseScript() -> [Stmt] {
    parseStatements(inBlock: false)
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// block = "{" { stmt | end } "}" ;
  mutating func parseBlock() throws -> Block {
    let open = try expect(.leftBrace, .expression, context: "to start a block")
    try enter(at: open)
    defer { leave() }
    let statements = parseStatements(inBlock: true)
    let close = peek(.word)
    guard close.kind == .symbol(.rightBrace) else {
      throw error(
        "expected '}' to close the block opened at \(range(of: open).location)", at: close)
    }
    next(.word)
    return Block(statements: statements, range: range(open.start, close.end))
  }

  /// The `{ stmt | end }` loop shared by scripts and blocks; records errors and resynchronises at
  /// the next line.
  ///
  /// Inside a block it stops before `}` or the end of the input.
  private mutating func parseStatements(inBlock: Bool) -> [Stmt] {
    var statements: [Stmt] = []
    while true {
      let token = peek(.word)
      switch token.kind {
      case .newline, .semicolon:
        next(.word)
        continue
      case .endOfInput:
        return statements
      case .symbol(.rightBrace):
        if inBlock { return statements }
        record(error("unexpected '}' with no block to close", at: token))
        next(.word)
        continue
      default:
        break
      }
      do {
        statements.append(try parseStatement())
        let end = peek(.expression)
        if !end.isTerminator {
          throw expected(
            "the end of the statement", found: end,
            notes: ["put one statement on each line, or separate them with ';'"])
        }
      } catch let failure as ParseError {
        record(failure)
        nesting = 0
        synchronize()
      } catch {
        // Parse functions throw only ParseError; anything else is still reported, not fatal.
        record(ParseError(Diagnostic("internal parser error: \(error)", at: range(of: token))))
        synchronize()
      }
    }
  }

  mutating func record(_ failure: ParseError) {
    if diagnostics.count < Self.maximumDiagnostics {
      diagnostics.append(failure.diagnostic)
    }
    if diagnostics.count >= Self.maximumDiagnostics {
      position = file.bytes.count
    }
  }

  /// Skips to the end of the current line.
  private mutating func synchronize() {
    while true {
      let token = peek(.word)
      switch token.kind {
      case .newline, .semicolon, .endOfInput: return
      default: next(.word)
      }
    }
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// stmt = "let" NAME "=" expr | "set" NAME "=" expr | "param" NAME "=" expr
  ///      | ifstmt | forstmt | "while" expr block | "break" | "continue" | "return" [ expr ]
  ///      | "wait" "until" expr [ "timeout" expr ] [ "every" expr ] [ "else" block ]
  ///      | ( "assert" | "expect" ) expr [ "," expr ] | "parallel" ( block | forstmt )
  ///      | "try" block "on" "failure" [ "as" NAME ] block | "defer" block
  ///      | "fn" NAME "(" [ NAME { "," NAME } ] ")" block | "include" STRING | block | command ;
  mutating func parseStatement() throws -> Stmt {
    let first = peek(.word)
    if first.kind == .symbol(.leftBrace) {
      let block = try parseBlock()
      return Stmt(kind: .block(block), range: block.range)
    }
    guard case .bare(let word) = first.kind, let keyword = StatementKeyword(rawValue: word),
      file.slice(first.start, first.end) == word
    else {
      let command = try parseCommand(closing: nil)
      return Stmt(kind: .command(command), range: command.range)
    }
    next(.word)
    let kind: Stmt.Kind
    switch keyword {
    case .let, .set, .param:
      let (name, _) = try parseName("a name after '\(word)'")
      _ = try expect(.assign, .expression, context: "after '\(word) \(name)'")
      let value = try parseExpression()
      kind =
        keyword == .let
        ? .let(name, value) : keyword == .set ? .set(name, value) : .param(name, value)
    case .if: return try parseIf(keyword: first)
    case .for:
      let (name, iterable, body) = try parseForClause()
      kind = .for(name, iterable, body)
    case .while:
      let condition = try parseExpression()
      kind = .while(condition, try parseBlock())
    case .break: kind = .break
    case .continue: kind = .continue
    case .return:
      kind = .return(peek(.expression).isTerminator ? nil : try parseExpression())
    case .wait: kind = .wait(try parseWait())
    case .assert, .expect:
      let condition = try parseExpression()
      var message: Expr?
      if peek(.expression).kind == .symbol(.comma) {
        next(.expression)
        message = try parseExpression()
      }
      kind = .check(keyword == .assert ? .assert : .expect, condition, message: message)
    case .parallel: kind = try parseParallel()
    case .try: kind = try parseTry()
    case .defer: kind = .defer(try parseBlock())
    case .fn: kind = .function(try parseFunction(keyword: first))
    case .include: kind = .include(try parseIncludePath())
    }
    return Stmt(kind: kind, range: range(first.start, previousEnd))
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// ifstmt = "if" expr block [ "else" ( ifstmt | block ) ] ;
  mutating func parseIf(keyword: Token) throws -> Stmt {
    try enter(at: keyword)
    defer { leave() }
    let condition = try parseExpression()
    let body = try parseBlock()
    var elseBranch: Stmt?
    if peek(.expression).kind == .name("else") {
      next(.expression)
      let after = peek(.expression)
      if after.kind == .name("if") {
        next(.expression)
        elseBranch = try parseIf(keyword: after)
      } else {
        let block = try parseBlock()
        elseBranch = Stmt(kind: .block(block), range: block.range)
      }
    }
    return Stmt(
      kind: .if(condition, body, else: elseBranch), range: range(keyword.start, previousEnd))
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// forstmt = "for" NAME "in" expr block ;
  mutating func parseForClause() throws -> (String, Expr, Block) {
    let (name, _) = try parseName("a loop variable after 'for'")
    try expectName("in", context: "after 'for \(name)'")
    let iterable = try parseExpression()
    return (name, iterable, try parseBlock())
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// "wait" "until" expr [ "timeout" expr ] [ "every" expr ] [ "else" block ]
  mutating func parseWait() throws -> WaitStmt {
    try expectName("until", context: "after 'wait'")
    let condition = try parseExpression()
    var timeout: Expr?
    var interval: Expr?
    if peek(.expression).kind == .name("timeout") {
      next(.expression)
      timeout = try parseExpression()
    }
    if peek(.expression).kind == .name("every") {
      next(.expression)
      interval = try parseExpression()
    }
    var elseBlock: Block?
    if peek(.expression).kind == .name("else") {
      next(.expression)
      elseBlock = try parseBlock()
    }
    return WaitStmt(
      condition: condition, timeout: timeout, interval: interval, elseBlock: elseBlock)
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// "parallel" ( block | forstmt )
  mutating func parseParallel() throws -> Stmt.Kind {
    let token = peek(.expression)
    if token.kind == .name("for") {
      next(.expression)
      let (name, iterable, body) = try parseForClause()
      return .parallelFor(name, iterable, body)
    }
    guard token.kind == .symbol(.leftBrace) else {
      throw expected("'{' or 'for' after 'parallel'", found: token)
    }
    return .parallelBlock(try parseBlock())
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// "try" block "on" "failure" [ "as" NAME ] block
  mutating func parseTry() throws -> Stmt.Kind {
    let body = try parseBlock()
    while peek(.expression).kind == .newline { next(.expression) }
    try expectName("on", context: "after the 'try' block")
    try expectName("failure", context: "after 'on'")
    var errorName: String?
    if peek(.expression).kind == .name("as") {
      next(.expression)
      errorName = try parseName("a name after 'as'").0
    }
    return .try(body, errorName: errorName, handler: try parseBlock())
  }

  /// Parses the production below (as in docs/language.md).
  ///
  /// "fn" NAME "(" [ NAME { "," NAME } ] ")" block
  mutating func parseFunction(keyword: Token) throws -> FunctionDecl {
    let (name, _) = try parseName("a function name after 'fn'")
    _ = try expect(.leftParen, .nestedExpression, context: "after 'fn \(name)'")
    var parameters: [String] = []
    while peek(.nestedExpression).kind != .symbol(.rightParen) {
      let token = peek(.nestedExpression)
      guard case .name(let parameter) = token.kind, !expressionKeywords.contains(parameter) else {
        throw expected("a parameter name", found: token)
      }
      next(.nestedExpression)
      parameters.append(parameter)
      guard peek(.nestedExpression).kind == .symbol(.comma) else { break }
      next(.nestedExpression)
    }
    _ = try expect(.rightParen, .nestedExpression, context: "to close the parameters of '\(name)'")
    let body = try parseBlock()
    return FunctionDecl(
      name: name, parameters: parameters, body: body, range: range(keyword.start, previousEnd))
  }

  /// "include" STRING — a plain string, no interpolation.
  mutating func parseIncludePath() throws -> String {
    let token = peek(.expression)
    if case .raw(let path) = token.kind {
      next(.expression)
      return path
    }
    guard token.kind == .quote else {
      throw expected("a quoted path after 'include'", found: token)
    }
    let string = try parseString()
    var path = ""
    if case .string(let pieces) = string.kind {
      for piece in pieces {
        guard case .text(let text, _, _) = piece else {
          throw ParseError(Diagnostic("an include path cannot interpolate", at: string.range))
        }
        path += text
      }
    }
    return path
  }
}

/// A syntax error on its way to the statement loop that records it.
struct ParseError: Error {
  let diagnostic: Diagnostic
  init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}
