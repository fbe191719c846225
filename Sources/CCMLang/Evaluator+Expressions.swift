/// Expressions, words and the values they produce.
extension Evaluator {
  /// Ranges are materialised as lists only up to this size (a `for` over a range never is).
  static let maximumListSize = 10_000_000

  func evaluate(_ expression: Expr, in scope: Scope, _ context: Context) async throws -> Value {
    switch expression.kind {
    case .literal(let value):
      return value
    case .string(let pieces):
      return .string(try await text(of: pieces, in: scope, context))
    case .name(let name):
      guard let value = scope.lookup(name) else {
        throw ScriptFailure(
          .evaluation, "undefined name '\(name)'", at: expression.range, isPermanent: true)
      }
      return value
    case .capture(let command):
      return try await invoke(command, .capture, in: scope, context)
    case .list(let items):
      var values: [Value] = []
      for item in items { values.append(try await evaluate(item, in: scope, context)) }
      return .list(values)
    case .negate(let operand):
      switch try await evaluate(operand, in: scope, context) {
      case .number(let number): return .number(-number)
      case .duration(let seconds): return .duration(-seconds)
      case let other:
        throw ScriptFailure(.evaluation, "cannot negate \(other.typeName)", at: expression.range)
      }
    case .not(let operand):
      return .bool(!(try await evaluateCondition(operand, in: scope, context)))
    case .chain(let first, let links):
      return try await evaluateChain(first, links, in: scope, context)
    case .binary(let operation, let left, let right):
      let lhs = try await evaluate(left, in: scope, context)
      let rhs = try await evaluate(right, in: scope, context)
      return try checked(expression.range) { try Value.apply(operation, lhs, rhs) }
    case .range(let low, let high):
      let (first, last) = try await evaluateBounds(low, high, in: scope, context)
      guard first <= last else { return .list([]) }
      guard last - first < Self.maximumListSize else {
        throw ScriptFailure(
          .evaluation, "the range \(first)..\(last) is too large for a list", at: expression.range)
      }
      return .list((first...last).map { .number(Double($0)) })
    case .member(let base, let name):
      let value = try await evaluate(base, in: scope, context)
      return try checked(expression.range) { try value.property(name) }
    case .index(let base, let index):
      let value = try await evaluate(base, in: scope, context)
      let key = try await evaluate(index, in: scope, context)
      return try checked(expression.range) { try value.element(at: key) }
    }
  }

  /// A chain left to right; `and`/`or` stop evaluating operands once the result is known.
  private func evaluateChain(
    _ first: Expr, _ links: [ChainLink], in scope: Scope, _ context: Context
  ) async throws -> Value {
    if let logical = links.first?.operation, logical == .and || logical == .or {
      var flag = try await evaluateCondition(first, in: scope, context)
      for link in links where (link.operation == .and) == flag {
        flag = try await evaluateCondition(link.operand, in: scope, context)
      }
      return .bool(flag)
    }
    var value = try await evaluate(first, in: scope, context)
    for link in links {
      let left = value
      let right = try await evaluate(link.operand, in: scope, context)
      value = try checked(first.range.through(link.operand.range)) {
        try Value.apply(link.operation, left, right)
      }
    }
    return value
  }

  /// Turns a `ValueError` into a failure at `range`.
  func checked(_ range: SourceRange, _ body: () throws -> Value) throws -> Value {
    do {
      return try body()
    } catch let error as ValueError {
      throw ScriptFailure(.evaluation, error.message, at: range, notes: error.notes)
    }
  }

  /// A condition must be a bool: `if 1` is an error, not "truthy".
  func evaluateCondition(_ expression: Expr, in scope: Scope, _ context: Context) async throws
    -> Bool
  {
    let value = try await evaluate(expression, in: scope, context)
    guard case .bool(let flag) = value else {
      throw ScriptFailure(
        .evaluation, "a condition must be a bool, but this is \(value.typeName)",
        at: expression.range, notes: ["its value: \(value.literal)"], isPermanent: true)
    }
    return flag
  }

  /// A condition and, when it is a comparison, its operands' values for the failure report.
  func evaluateExplained(_ expression: Expr, in scope: Scope, _ context: Context) async throws -> (
    Bool, [String]
  ) {
    guard case .binary(let operation, let left, let right) = expression.kind else {
      return (try await evaluateCondition(expression, in: scope, context), [])
    }
    let lhs = try await evaluate(left, in: scope, context)
    let rhs = try await evaluate(right, in: scope, context)
    let result = try checked(expression.range) { try Value.apply(operation, lhs, rhs) }
    guard case .bool(let flag) = result else {
      throw ScriptFailure(
        .evaluation, "a condition must be a bool, but this is \(result.typeName)",
        at: expression.range, notes: ["its value: \(result.literal)"], isPermanent: true)
    }
    var notes: [String] = []
    for (operand, value) in [(left, lhs), (right, rhs)] {
      // A note that repeats the source (`"x" is "x"`) says nothing.
      if case .literal = operand.kind { continue }
      if operand.range.text == value.literal { continue }
      notes.append("\(operand.range.text) is \(value.literal)")
    }
    return (flag, notes)
  }

  func evaluateBounds(_ low: Expr, _ high: Expr, in scope: Scope, _ context: Context) async throws
    -> (Int, Int)
  {
    func integer(_ expression: Expr) async throws -> Int {
      let value = try await evaluate(expression, in: scope, context)
      guard case .number(let number) = value, number == number.rounded(), abs(number) < 1e15 else {
        throw ScriptFailure(
          .evaluation, "a range bound must be a whole number, but this is \(value.literal)",
          at: expression.range)
      }
      return Int(number)
    }
    return (try await integer(low), try await integer(high))
  }

  /// What `for` iterates: list items, map keys, or the numbers of a range.
  func iterationValues(_ iterable: Expr, in scope: Scope, _ context: Context) async throws
    -> [Value]
  {
    switch try await evaluate(iterable, in: scope, context) {
    case .list(let items): return items
    case .map(let map): return map.keys.map { .string($0) }
    case let other:
      throw ScriptFailure(
        .evaluation, "cannot iterate over \(other.typeName)", at: iterable.range,
        notes: ["iterate over a list, a map's keys, or a range such as 1..3"])
    }
  }

  // MARK: Words

  /// The value of a command word: one piece keeps its type (`$list`, `${n + 1}`, `3`, `10s`);
  /// several pieces concatenate into a string.
  func evaluate(_ word: Word, in scope: Scope, _ context: Context) async throws -> Value {
    guard word.pieces.count == 1 else {
      return .string(try await text(of: word.pieces, in: scope, context))
    }
    return try await evaluate(word.pieces[0], in: scope, context)
  }

  private func evaluate(_ piece: WordPiece, in scope: Scope, _ context: Context) async throws
    -> Value
  {
    switch piece {
    case .text(let text, let quoted, _):
      return quoted ? .string(text) : Value.typed(bareWord: text)
    case .variable(let name, let range):
      guard let value = scope.lookup(name) else {
        throw ScriptFailure(
          .evaluation, "undefined variable '\(name)'", at: range, isPermanent: true)
      }
      return value
    case .interpolation(let expression):
      return try await evaluate(expression, in: scope, context)
    case .capture(let command):
      return try await invoke(command, .capture, in: scope, context)
    }
  }

  func text(of pieces: [WordPiece], in scope: Scope, _ context: Context) async throws -> String {
    var result = ""
    for piece in pieces {
      if case .text(let text, _, _) = piece {
        result += text
      } else {
        result += try await evaluate(piece, in: scope, context).text
      }
    }
    return result
  }
}
