/// Command lines: `fn` calls, the built-ins `echo`, `sleep`, `fail`, and the host.
extension Evaluator {
  /// Commands the language runs itself; every other command line reaches the host.
  public static let builtinCommands = Set(Builtin.allCases.map(\.rawValue))

  /// Runs a command line.
  ///
  /// In statement position a failure aborts the block; in capture position (`$(…)`) the result is
  /// returned as data.
  func invoke(
    _ command: Command, _ position: CommandContext.Position, in scope: Scope, _ context: Context
  ) async throws -> Value {
    var values: [Value] = []
    for word in command.words { values.append(try await evaluate(word, in: scope, context)) }
    guard let name = values.first?.text else { return .null }
    if let function = function(named: name) {
      return try await call(
        function, arguments: Array(values.dropFirst()), at: command.range, context)
    }
    let argv = values.flatMap { value -> [String] in
      if case .list(let items) = value { return items.map(\.text) }
      return [value.text]
    }
    let result: CommandResult
    switch Builtin(rawValue: name) {
    case .echo?: result = echo(argv, position, context)
    case .sleep?: result = try await sleep(values, at: command.range)
    case .fail?:
      let message = argv.dropFirst().joined(separator: " ")
      throw ScriptFailure(.fail, message.isEmpty ? "failed" : message, at: command.range)
    case let builtin? where builtin.isRandom:
      let value = try random(builtin, values, at: command.range, context)
      if position == .statement { context.output.line(value.text) }
      return value
    case .pick?, .shuffle?, .randomInt?, .randomDuration?:
      return .null
    case nil:
      result = try await runOnHost(argv, position, at: command.range, context)
    }
    if position == .statement, !result.ok {
      var notes = result.err.split(separator: "\n").suffix(5).map(String.init)
      if notes.isEmpty { notes = result.out.split(separator: "\n").suffix(5).map(String.init) }
      throw ScriptFailure(
        .command, "command failed with exit code \(result.code): \(argv.joined(separator: " "))",
        at: command.range, notes: notes)
    }
    return result.value
  }

  private func runOnHost(
    _ argv: [String], _ position: CommandContext.Position, at range: SourceRange, _ context: Context
  ) async throws -> CommandResult {
    let commandContext = CommandContext(
      position: position, output: context.output, range: range, branch: context.branch)
    do {
      return try await host.run(argv, context: commandContext)
    } catch let error as CommandHostError {
      throw ScriptFailure(.command, error.message, at: range, notes: error.notes)
    } catch let failure as ScriptFailure {
      throw failure
    } catch {
      if error is CancellationError || Task.isCancelled { throw CancellationError() }
      throw ScriptFailure(.command, "\(argv[0]): \(error)", at: range)
    }
  }

  private func echo(_ argv: [String], _ position: CommandContext.Position, _ context: Context)
    -> CommandResult
  {
    let text = argv.dropFirst().joined(separator: " ")
    if position == .statement { context.output.line(text) }
    return CommandResult(out: text)
  }

  /// `sleep 5s` (a duration, or a number of seconds), on the evaluator's clock.
  private func sleep(_ values: [Value], at range: SourceRange) async throws -> CommandResult {
    let seconds: Double
    switch values.dropFirst().first {
    case .duration(let duration)?, .number(let duration)?: seconds = duration
    default:
      throw ScriptFailure(.command, "sleep needs a duration, such as `sleep 5s`", at: range)
    }
    try await options.clock.sleep(for: .seconds(max(0, seconds)))
    return CommandResult()
  }

  /// A `fn` call: arguments bind to parameters in a scope whose parent is the globals
  /// (no closures); the value is what `return` gives, or nil.
  private func call(
    _ function: FunctionDecl, arguments: [Value], at range: SourceRange, _ context: Context
  ) async throws -> Value {
    guard arguments.count == function.parameters.count else {
      let problem = FunctionDecl.arityProblem(function, arguments: arguments.count)
      throw ScriptFailure(.evaluation, problem.message, at: range, notes: problem.notes)
    }
    guard context.callDepth < options.maximumCallDepth else {
      throw ScriptFailure(
        .evaluation, "fn calls are nested more than \(options.maximumCallDepth) deep", at: range)
    }
    // The call's own scope belongs to the caller's branch, so the fn may assign its locals.
    let scope = Scope(
      parent: globals, values: Dictionary(zip(function.parameters, arguments)) { _, last in last },
      region: context.region)
    let inner = Context(
      recorder: context.recorder, output: context.output, branch: context.branch,
      callDepth: context.callDepth + 1, random: context.random, region: context.region,
      function: function.name)
    if case .returned(let value) = try await run(function.body.statements, in: scope, inner) {
      return value
    }
    return .null
  }
}
