/// The static pass: undefined names, `set` of an undeclared or outer-parallel variable,
/// `break`/`continue`/`return` out of place, `param`/`fn`/`include` not at the top level, and the
/// `x = 3` slip.
///
/// It runs before anything executes.
struct Checker {
  private enum ScopeKind { case global, block, loop, function, branch, deferred }

  private struct Scope {
    let kind: ScopeKind
    var names: Set<String>
  }

  private let program: Program
  private let options: CheckOptions
  private var scopes: [Scope]
  private var diagnostics: [Diagnostic] = []
  private var checkedIncludes: Set<String> = []
  /// Every top-level name of the script and its includes: what `fn` bodies may read.
  private let globalNames: Set<String>
  /// What `parallel` needs to know about fns: which globals each assigns, whom each calls,
  /// and which calls happen inside a branch (resolved once every fn body has been seen).
  private var effects = FunctionEffects()
  private var currentFunction: String?

  static func check(_ program: Program, options: CheckOptions) -> [Diagnostic] {
    var checker = Checker(program: program, options: options)
    checker.checkOverrides()
    checker.check(program.statements)
    checker.checkBranchCalls()
    return checker.diagnostics
  }

  private init(program: Program, options: CheckOptions) {
    self.program = program
    self.options = options
    scopes = [Scope(kind: .global, names: options.predeclared)]
    var names = options.predeclared
    for statement in program.statements + program.includes.values.joined() {
      switch statement.kind {
      case .let(let name, _), .param(let name, _): names.insert(name)
      default: break
      }
    }
    globalNames = names
  }

  private mutating func error(_ message: String, at range: SourceRange, notes: [String] = []) {
    diagnostics.append(Diagnostic(message, at: range, notes: notes))
  }

  private mutating func checkOverrides() {
    let params = Set(
      (program.statements + program.includes.values.joined()).compactMap { statement -> String? in
        if case .param(let name, _) = statement.kind { return name }
        return nil
      })
    for name in options.paramOverrides where !params.contains(name) {
      let declared = params.sorted().joined(separator: ", ")
      error(
        "'\(name)=…' does not name a param of this script",
        at: SourceRange(file: program.file, start: 0, end: 0),
        notes: [params.isEmpty ? "the script declares no params" : "its params are: \(declared)"])
    }
  }

  /// An override that does not fit a literal default (`n=abc` for `param n = 3`) is found
  /// before anything runs; a computed default is checked when the `param` runs.
  private mutating func checkOverride(of name: String, default value: Expr, at range: SourceRange) {
    guard case .literal(let original) = value.kind, let text = options.paramValues[name] else {
      return
    }
    do {
      _ = try ParamOverride.value(text, name: name, default: original)
    } catch {
      self.error(error.message, at: range, notes: error.notes)
    }
  }

  private func declaringScope(of name: String) -> Int? {
    scopes.lastIndex { $0.names.contains(name) }
  }

  private mutating func declare(_ name: String) {
    scopes[scopes.count - 1].names.insert(name)
  }

  private mutating func withScope(
    _ kind: ScopeKind, declaring names: [String] = [], _ body: (inout Checker) -> Void
  ) {
    scopes.append(Scope(kind: kind, names: Set(names)))
    body(&self)
    scopes.removeLast()
  }

  private mutating func check(
    _ block: Block, _ kind: ScopeKind = .block, declaring names: [String] = []
  ) {
    withScope(kind, declaring: names) { $0.check(block.statements) }
  }

  private mutating func check(_ statements: [Stmt]) {
    for statement in statements { check(statement) }
  }

  private var atTopLevel: Bool { scopes.count == 1 }

  private mutating func check(_ statement: Stmt) {
    let range = statement.range
    switch statement.kind {
    case .let(let name, let value):
      check(value)
      declare(name)
    case .set(let name, let value):
      check(value)
      checkAssignment(to: name, at: range)
    case .param(let name, let value):
      check(value)
      if !atTopLevel { error("'param' is only allowed at the top level of a script", at: range) }
      checkOverride(of: name, default: value, at: range)
      declare(name)
    case .if(let condition, let body, let elseBranch):
      checkCondition(condition)
      check(body)
      if let elseBranch { check(elseBranch) }
    case .for(let name, let iterable, let body):
      check(iterable)
      check(body, .loop, declaring: [name])
    case .while(let condition, let body):
      checkCondition(condition)
      check(body, .loop)
    case .break, .continue:
      checkLoopExit(range.text, at: range)
    case .return(let value):
      if let value { check(value) }
      checkReturn(at: range)
    case .wait(let wait):
      checkCondition(wait.condition)
      if let timeout = wait.timeout { check(timeout) }
      if let interval = wait.interval { check(interval) }
      if let elseBlock = wait.elseBlock { check(elseBlock) }
      if wait.timeout == nil, options.requireWaitTimeout {
        error(
          "'wait' needs an explicit 'timeout' in strict mode", at: range,
          notes: ["add `timeout 60s` (the default) or another deadline"])
      }
    case .check(_, let condition, let message):
      checkCondition(condition)
      if let message { check(message) }
    case .parallelBlock(let block):
      for branch in block.statements {
        withScope(.branch) { $0.check(branch) }
      }
    case .parallelFor(let name, let iterable, let body):
      check(iterable)
      check(body, .branch, declaring: [name])
    case .try(let body, let errorName, let handler):
      check(body)
      check(handler, declaring: errorName.map { [$0] } ?? [])
    case .defer(let body):
      check(body, .deferred)
    case .function(let declaration):
      checkFunction(declaration)
    case .include(let path):
      checkInclude(path, at: range)
    case .block(let block):
      check(block)
    case .command(let command):
      check(command)
    }
  }

  /// A condition's names, and its type when its form fixes one that is not a bool.
  private mutating func checkCondition(_ condition: Expr) {
    check(condition)
    if let type = ConditionType.nonBool(condition) {
      error(
        "a condition must be a bool, but this is \(type)", at: condition.range,
        notes: ["compare it: `x == 3`, `$(cmd).ok`, `\"UN\" in states`"])
    }
  }

  private mutating func checkAssignment(to name: String, at range: SourceRange) {
    guard let index = declaringScope(of: name) else {
      error(
        "cannot assign to '\(name)': it is not declared", at: range,
        notes: ["to declare it use `let \(name) = …`"])
      return
    }
    if scopes[(index + 1)...].contains(where: { $0.kind == .branch }) {
      error(
        "cannot assign to '\(name)' from inside a parallel branch: it is declared outside",
        at: range,
        notes: [Self.branchNote])
    }
    if index == 0, let function = currentFunction {
      if effects.globalWrites[function] == nil { effects.globalWrites[function] = name }
    }
  }

  private static let branchNote =
    "branches run at the same time; declare results with `let` inside the branch, or write them to a file"

  /// A fn that assigns a global (itself or through the fns it calls) cannot be called from a
  /// `parallel` branch: the branches would race on the global.
  private mutating func checkBranchCalls() {
    for (function, range) in effects.branchCalls {
      guard let (writer, global) = effects.globalWrite(reachableFrom: function) else { continue }
      let through = writer == function ? "" : " (through fn '\(writer)')"
      error(
        "cannot call '\(function)' from a parallel branch: it assigns the global '\(global)'\(through)",
        at: range,
        notes: [Self.branchNote])
    }
  }

  private mutating func checkLoopExit(_ keyword: String, at range: SourceRange) {
    for scope in scopes.reversed() {
      switch scope.kind {
      case .loop: return
      case .branch:
        return error("'\(keyword)' cannot leave a parallel branch", at: range)
      case .function, .deferred, .global:
        return error("'\(keyword)' outside a loop", at: range)
      case .block: continue
      }
    }
  }

  private mutating func checkReturn(at range: SourceRange) {
    for scope in scopes.reversed() {
      switch scope.kind {
      case .function: return
      case .branch: return error("'return' cannot leave a parallel branch", at: range)
      case .deferred: return error("'return' cannot leave a 'defer' block", at: range)
      case .global: return error("'return' outside a fn", at: range)
      case .block, .loop: continue
      }
    }
  }

  private mutating func checkFunction(_ declaration: FunctionDecl) {
    guard atTopLevel else {
      return error("'fn' is only allowed at the top level", at: declaration.range)
    }
    let saved = scopes
    scopes = [Scope(kind: .global, names: globalNames)]
    currentFunction = declaration.name
    check(declaration.body, .function, declaring: declaration.parameters)
    currentFunction = nil
    scopes = saved
  }

  private mutating func checkInclude(_ path: String, at range: SourceRange) {
    guard atTopLevel else {
      return error("'include' is only allowed at the top level", at: range)
    }
    let resolved = Script.resolveInclude(path, from: range.file)
    guard !checkedIncludes.contains(resolved), let statements = program.includes[resolved] else {
      return
    }
    checkedIncludes.insert(resolved)
    for statement in statements { check(statement) }
  }

  private mutating func check(_ command: Command) {
    for word in command.words {
      for piece in word.pieces { check(piece) }
    }
    if let name = command.words.first?.bareText, program.functions[name] != nil {
      if let caller = currentFunction { effects.calls[caller, default: []].insert(name) }
      if scopes.contains(where: { $0.kind == .branch }) {
        effects.branchCalls.append((name, command.words[0].range))
      }
    }
    if checkAssignmentSlip(command) { return }
    let words = command.words.map(\.staticText)
    guard let name = words.first ?? nil else { return }
    if let function = program.functions[name] {
      checkArity(of: function, arguments: command.words.count - 1, at: command.range)
    } else if !Evaluator.builtinCommands.contains(name), !options.functions.contains(name),
      let problem = options.commands?.problem(in: words)
    {
      let range = problem.word.map { command.words[$0].range } ?? command.range
      error(problem.message, at: range, notes: problem.notes)
    }
  }

  /// A `fn` call's arguments are its words (a list stays one argument), so the count is known.
  private mutating func checkArity(
    of function: FunctionDecl, arguments: Int, at range: SourceRange
  ) {
    guard arguments != function.parameters.count else { return }
    let problem = FunctionDecl.arityProblem(function, arguments: arguments)
    error(problem.message, at: range, notes: problem.notes)
  }

  /// `x = 3` parses as a command named `x`; say how to assign.
  ///
  /// True when it reported.
  @discardableResult
  private mutating func checkAssignmentSlip(_ command: Command) -> Bool {
    guard command.words.count >= 3, command.words[1].bareText == "=",
      let name = command.words[0].bareText,
      name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
      !options.functions.contains(name), program.functions[name] == nil
    else { return false }
    let value = command.words[2].range.through(command.words[command.words.count - 1].range).text
    let keyword = declaringScope(of: name) == nil ? "let" : "set"
    error(
      "unknown command '\(name)'", at: command.words[0].range,
      notes: ["to \(keyword == "let" ? "declare" : "assign") use `\(keyword) \(name) = \(value)`"])
    return true
  }

  private mutating func check(_ piece: WordPiece) {
    switch piece {
    case .text: break
    case .variable(let name, let range):
      guard declaringScope(of: name) == nil else { return }
      let hint =
        name == name.uppercased()
        ? "for the environment variable write ${env.\(name)}"
        : "declare it first with `let \(name) = …`"
      error("undefined variable '\(name)'", at: range, notes: [hint])
    case .interpolation(let expression): check(expression)
    case .capture(let command): check(command)
    }
  }

  private mutating func check(_ expression: Expr) {
    switch expression.kind {
    case .literal: break
    case .string(let pieces): for piece in pieces { check(piece) }
    case .name(let name):
      if declaringScope(of: name) == nil {
        error("undefined name '\(name)'", at: expression.range)
      }
    case .capture(let command): check(command)
    case .list(let items): for item in items { check(item) }
    case .negate(let operand), .not(let operand), .member(let operand, _): check(operand)
    case .binary(_, let left, let right), .range(let left, let right), .index(let left, let right):
      check(left)
      check(right)
    case .chain(let first, let links):
      check(first)
      for link in links { check(link.operand) }
    }
  }
}

/// Which globals each `fn` assigns and whom it calls, gathered while checking.
private struct FunctionEffects {
  /// The first global each fn assigns directly.
  var globalWrites: [String: String] = [:]
  var calls: [String: Set<String>] = [:]
  var branchCalls: [(function: String, range: SourceRange)] = []

  /// The first fn reachable from `function` (itself included) that assigns a global.
  func globalWrite(reachableFrom function: String) -> (function: String, global: String)? {
    var seen: Set<String> = []
    var queue = [function]
    while !queue.isEmpty {
      let current = queue.removeFirst()
      guard seen.insert(current).inserted else { continue }
      if let global = globalWrites[current] { return (current, global) }
      queue += (calls[current] ?? []).sorted()
    }
    return nil
  }
}
