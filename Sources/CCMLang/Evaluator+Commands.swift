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
    if position == .capture, !result.ok, let probe = context.failedCaptures {
      probe.note(
        ScriptFailure(
          .command, result.failure ?? "command failed with exit code \(result.code)",
          at: command.range, isPermanent: result.isPermanent))
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
      // An unknown command or a usage error stays one, however long a wait looks at it.
      throw ScriptFailure(.command, error.message, at: range, notes: error.notes, isPermanent: true)
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
    case .string(let word)? where word.hasPrefix("-"):
      // `sleep -1s` is read as text (a word starting with `-`): still a duration, but negative.
      switch Value.typed(bareWord: String(word.dropFirst())) {
      case .duration, .number:
        throw ScriptFailure(
          .command, "sleep needs a non-negative duration, but this is \(word)", at: range)
      default:
        throw ScriptFailure(.command, "sleep needs a duration, such as `sleep 5s`", at: range)
      }
    default:
      throw ScriptFailure(.command, "sleep needs a duration, such as `sleep 5s`", at: range)
    }
    guard seconds >= 0 else {
      throw ScriptFailure(
        .command,
        "sleep needs a non-negative duration, but this is \(Value.formatDuration(seconds))",
        at: range)
    }
    try await options.clock.sleep(for: .seconds(seconds))
    return CommandResult()
  }

  /// A `fn` call: arguments bind to parameters in a scope whose parent is the globals
  /// (no closures); the value is what `return` gives, or nil.
  private func call(
    _ function: FunctionDecl, arguments: [Value], at range: SourceRange, _ context: Context
  ) async throws -> Value {
    guard arguments.count == function.parameters.count else {
      let problem = FunctionDecl.arityProblem(function, arguments: arguments.count)
      throw ScriptFailure(
        .evaluation, problem.message, at: range, notes: problem.notes, isPermanent: true)
    }
    guard context.callDepth < options.maximumCallDepth else {
      throw ScriptFailure(
        .evaluation, "fn calls are nested more than \(options.maximumCallDepth) deep", at: range)
    }
    // The call's own scope belongs to the caller's branch, so the fn may assign its locals.
    let scope = Scope(
      parent: globals, values: Dictionary(zip(function.parameters, arguments)) { _, last in last },
      region: context.region)
    let frame = Self.callFrame(function.name, arguments, at: range)
    var inner = Context(
      recorder: context.recorder, output: context.output, branch: context.branch,
      callDepth: context.callDepth + 1, random: context.random, region: context.region,
      function: function.name)
    inner.frames = [frame] + context.frames
    do {
      if case .returned(let value) = try await run(function.body.statements, in: scope, inner) {
        return value
      }
    } catch let failure as ScriptFailure {
      // The failing line is inside the fn; the line that called it tells two calls apart.
      throw failure.noting(frame)
    }
    return .null
  }

  /// `in fn wait_state, called at main.ccm:7 as: wait_state node1 node3 DN 3s`.
  static func callFrame(_ name: String, _ arguments: [Value], at range: SourceRange) -> String {
    let words = arguments.map { value -> String in
      let text = value.text
      if case .string = value, text.isEmpty || text.contains(where: \.isWhitespace) {
        return value.literal
      }
      return text
    }
    return "in fn \(name), called at \(range.file.name):\(range.location.line) as: "
      + ([name] + words).joined(separator: " ")
  }
}
