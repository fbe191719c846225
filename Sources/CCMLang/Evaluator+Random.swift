/// The random built-ins `pick`, `shuffle`, `random_int`, `random_duration`: every draw comes
/// from the run's one seeded stream (`EvaluatorOptions.seed`), so `--seed N` makes the same
/// choices again, and is recorded in the outcome (`ScriptOutcome.draws`).
extension Evaluator {
  func random(
    _ builtin: Builtin, _ values: [Value], at range: SourceRange, _ context: Context
  ) throws -> Value {
    let arguments = Array(values.dropFirst())
    let value: Value
    switch builtin {
    case .pick:
      let items = Self.items(arguments)
      guard !items.isEmpty else {
        throw ScriptFailure(
          .evaluation, "pick needs at least one item, such as `pick $nodes`", at: range)
      }
      value = items[context.random.integer(in: 0...(items.count - 1))]
    case .shuffle:
      value = .list(context.random.shuffled(Self.items(arguments)))
    case .randomInt:
      let (low, high) = try bounds(arguments, builtin, at: range) { value -> Int? in
        guard case .number(let number) = value, number == number.rounded(), abs(number) < 1e15
        else { return nil }
        return Int(number)
      }
      value = .number(Double(context.random.integer(in: low...high)))
    case .randomDuration:
      // Whole milliseconds, drawn as integers: the same seed gives the same text everywhere.
      let (low, high) = try bounds(arguments, builtin, at: range) { value -> Int? in
        guard case .duration(let seconds) = value, abs(seconds) < 1e12 else { return nil }
        return Int((seconds * 1000).rounded())
      }
      value = .duration(Double(context.random.integer(in: low...high)) / 1000)
    default:
      return .null
    }
    context.recorder.record(
      RandomDraw(
        location: "\(range.file.name):\(range.location.line)", branch: context.branch,
        function: builtin.rawValue, value: value.literal))
    return value
  }

  /// `pick a b c` and `pick $list` alike: list arguments give their items.
  private static func items(_ arguments: [Value]) -> [Value] {
    arguments.flatMap { value -> [Value] in
      if case .list(let items) = value { return items }
      return [value]
    }
  }

  private func bounds(
    _ arguments: [Value], _ builtin: Builtin, at range: SourceRange,
    _ convert: (Value) -> Int?
  ) throws -> (Int, Int) {
    let usage = builtin.syntax.usage
    guard arguments.count == 2, let low = convert(arguments[0]), let high = convert(arguments[1])
    else {
      let got = arguments.map(\.typeName).joined(separator: ", ")
      throw ScriptFailure(
        .evaluation,
        "\(builtin.rawValue) needs two bounds: `\(usage)` (got \(got.isEmpty ? "none" : got))",
        at: range)
    }
    guard low <= high else {
      throw ScriptFailure(
        .evaluation,
        "\(builtin.rawValue): the low bound \(arguments[0].text) is above the high bound \(arguments[1].text)",
        at: range)
    }
    return (low, high)
  }
}
