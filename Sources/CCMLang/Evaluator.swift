import CCMWait
import Foundation

/// Options of an `Evaluator`.
public struct EvaluatorOptions: Sendable {
  /// Where `echo`, command output and `parallel` prefixes go.
  public var output: OutputSink = .standard
  public var clock: any ScriptClock = SystemClock()
  public var loader: any SourceLoader = FileSystemLoader()
  /// `name=value` overrides of `param`s (`ccmsh run f.ccm rounds=5`).
  ///
  /// A value is typed by the param's default (`ParamOverride`): `rounds=abc` for `param rounds = 3`
  /// is an error.
  public var params: [String: String] = [:]
  /// The caller checked the override names against all its scripts (`run A.ccm B.ccm x=1`):
  /// a script ignores an override it does not declare instead of refusing it.
  public var undeclaredParamsIgnored = false
  /// Readable as `env.NAME` in scripts.
  public var environment: [String: String] = ProcessInfo.processInfo.environment
  /// The deadline and interval of a `wait` that gives none: `timeout 60s every 1s`.
  public var defaultTimeout: Duration = .seconds(60)
  public var defaultInterval: Duration = .seconds(1)
  /// `--strict`: reject a `wait` without `timeout` at check time.
  public var requireWaitTimeout = false
  /// Limit on nested `fn` calls (recursion), so runaway recursion is an error, not a crash.
  public var maximumCallDepth = 100
  /// Hears every `wait until` start, unsatisfied try and end (the shell's live line).
  ///
  /// The subject is the condition's source text.
  public var waitObserver: WaitObserver?
  /// Called once when the script has failed (a thrown failure, or a failed `expect`).
  ///
  /// It runs after the script's `on failure` handlers and before its top-level `defer`s: the
  /// place for `ccmsh run --logs DIR` to collect node logs while the cluster still exists.
  public var beforeCleanupOnFailure: (@Sendable (ScriptFailure) async -> Void)?
  /// Checks each command line against the host's commands before anything runs.
  public var commandLinter: (any CommandLinter)?
  /// The REPL: a `defer` at the top level of an entry is held until `runHeldDefers` (the
  /// session's end), as a script's runs at the script's end, instead of when the entry ends.
  public var holdsTopLevelDefers = false
  /// Seeds the random built-ins (`pick`, `shuffle`, `random_int`, `random_duration`); one
  /// stream per evaluator, started afresh from this seed, so each script of a run makes the
  /// same choices whether it runs alone or after others.
  public var seed = ScriptSeed(0)

  public init() {}
}

/// Runs checked programs against a `CommandHost`.
///
/// One evaluator keeps its global variables and `fn`s across `execute` calls, so the REPL
/// uses one for the session, and `ccmsh run` one per file. `run(_:)` does everything:
/// parse, include, check (nothing runs if that fails), execute, and report.
public final class Evaluator: Sendable {
  let host: any CommandHost
  let options: EvaluatorOptions
  let globals: Scope
  private let session = SessionState()
  /// Top-level `defer`s held for the end of a REPL session (`holdsTopLevelDefers`).
  let heldDefers = HeldDefers()
  /// The session's random stream; `parallel` branches get streams split from it.
  let random: RandomStream

  public init(host: any CommandHost, options: EvaluatorOptions = EvaluatorOptions()) {
    self.host = host
    self.options = options
    random = RandomStream(seed: options.seed.value)
    let environment = ValueMap(
      options.environment.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    globals = Scope(parent: nil, values: ["env": .map(environment)])
  }

  /// The check options matching this evaluator: its globals and fns count as declared.
  public var checkOptions: CheckOptions {
    var check = CheckOptions(
      predeclared: globals.names, functions: session.functionNames,
      paramOverrides: options.undeclaredParamsIgnored ? [] : options.params.keys.sorted(),
      requireWaitTimeout: options.requireWaitTimeout, commands: options.commandLinter)
    check.paramValues = options.params
    return check
  }

  /// Prepares and executes a script's text; static problems give status `.invalid`.
  public func run(_ file: SourceFile) async -> ScriptOutcome {
    await run(Script.prepare(file, loader: options.loader, options: checkOptions), file: file)
  }

  /// One REPL entry, in this evaluator's session.
  ///
  /// Returns nil when the text is incomplete (an open `{`, quote, `$(`…): read another line, append
  /// it, and call again with the whole text.
  public func runEntry(_ text: String, name: String = "<repl>") async -> ScriptOutcome? {
    let file = SourceFile(name: name, text: text)
    let preparation = Script.prepare(file, loader: options.loader, options: checkOptions)
    if preparation.isIncomplete { return nil }
    return await run(preparation, file: file)
  }

  private func run(_ preparation: Preparation, file: SourceFile) async -> ScriptOutcome {
    guard let program = preparation.program else {
      return ScriptOutcome(file: file.name, status: .invalid, diagnostics: preparation.diagnostics)
    }
    return await execute(program)
  }

  /// Reads the script at `path` through the loader, then `run`s it.
  public func run(path: String) async -> ScriptOutcome {
    do {
      return await run(SourceFile(name: path, text: try options.loader.load(path)))
    } catch {
      return Self.unreadable(path, error)
    }
  }

  /// Runs script bytes that are not a file (stdin), decoded as strictly as a file is.
  public func run(bytes: some Collection<UInt8>, name: String) async -> ScriptOutcome {
    do {
      return await run(SourceFile(name: name, text: try SourceText.decode(bytes)))
    } catch {
      return Self.unreadable(name, error)
    }
  }

  private static func unreadable(_ name: String, _ error: any Error) -> ScriptOutcome {
    let file = SourceFile(name: name, text: "")
    let problem = Diagnostic(
      SourceText.unreadable(name, error), at: SourceRange(file: file, start: 0, end: 0))
    return ScriptOutcome(file: name, status: .invalid, diagnostics: [problem])
  }

  /// Executes a prepared program in this evaluator's globals (REPL: one entry at a time).
  public func execute(_ program: Program) async -> ScriptOutcome {
    let recorder = Recorder()
    let started = options.clock.now()
    session.add(program)
    let steps = StepLog()
    let context = Context(
      recorder: recorder, output: steps.sink(over: options.output), branch: nil, callDepth: 0,
      random: random)
    var cancelled = false
    do {
      _ = try await run(
        holding(program.statements), in: globals, context, onFailure: failureHook(recorder),
        steps: steps)
    } catch let failure as ScriptFailure {
      recorder.record(failure)
    } catch {
      cancelled = true
    }
    let failures = recorder.failures
    let status: ScriptOutcome.Status = cancelled ? .cancelled : failures.isEmpty ? .passed : .failed
    return ScriptOutcome(
      file: program.file.name, status: status, checks: recorder.checks, failures: failures,
      duration: options.clock.now() - started, seed: options.seed, draws: recorder.draws,
      steps: steps.steps)
  }

  /// The top-level `onFailure` that calls `options.beforeCleanupOnFailure`, if set.
  private func failureHook(_ recorder: Recorder) -> (
    @Sendable ((any Error)?) async -> (any Error)?
  )? {
    guard let hook = options.beforeCleanupOnFailure else { return nil }
    return { thrown in
      if let failure = (thrown as? ScriptFailure) ?? recorder.failures.first, !Task.isCancelled {
        await hook(failure)
      }
      return thrown
    }
  }

  func function(named name: String) -> FunctionDecl? { session.function(named: name) }

  func firstInclusion(of path: String) -> [Stmt]? { session.firstInclusion(of: path) }

  // MARK: Statements

  /// Runs statements in order, then the `defer`s they registered (last first).
  ///
  /// `onFailure` (for `try`) sees the failure, if any, before the defers run and returns what to
  /// rethrow. `steps` (the top level only) hears each statement and defer as one step.
  func run(
    _ statements: [Stmt], in scope: Scope, _ context: Context,
    onFailure: (@Sendable ((any Error)?) async -> (any Error)?)? = nil,
    steps: StepLog? = nil
  ) async throws -> Completion {
    var deferred: [Block] = []
    var completion = Completion.normal
    var thrown: (any Error)?
    do {
      for statement in statements {
        if case .defer(let block) = statement.kind {
          deferred.append(block)
          continue
        }
        steps?.begin(statement.range, context.recorder)
        do {
          completion = try await execute(statement, in: scope, context)
        } catch {
          steps?.end(thrown: error, context.recorder)
          throw error
        }
        steps?.end(thrown: nil, context.recorder)
        if case .normal = completion { continue }
        break
      }
    } catch {
      thrown = error
    }
    if let onFailure { thrown = await onFailure(thrown) }
    for block in deferred.reversed() {
      let line = block.range.location.line
      steps?.begin(block.range, context.recorder, label: "defer (line \(line))")
      do {
        try await runDeferred(block, in: scope, context)
        steps?.end(thrown: nil, context.recorder)
      } catch let failure as ScriptFailure where thrown != nil {
        context.recorder.record(failure)
        steps?.end(thrown: failure, context.recorder)
      } catch {
        if thrown == nil { thrown = error }
        steps?.end(thrown: error, context.recorder)
      }
    }
    if let thrown { throw thrown }
    return completion
  }

  func run(_ block: Block, in scope: Scope, _ context: Context) async throws -> Completion {
    try await run(block.statements, in: block.needsScope ? Scope(parent: scope) : scope, context)
  }

  func execute(_ statement: Stmt, in scope: Scope, _ context: Context) async throws -> Completion {
    switch statement.kind {
    case .let(let name, let value):
      scope.declare(name, try await evaluate(value, in: scope, context))
    case .set(let name, let value):
      try assign(
        name, try await evaluate(value, in: scope, context), in: scope, context, at: statement.range
      )
    case .param(let name, let value):
      let original = try await evaluate(value, in: scope, context)
      if let override = options.params[name] {
        do {
          scope.declare(name, try ParamOverride.value(override, name: name, default: original))
        } catch {
          throw ScriptFailure(.evaluation, error.message, at: statement.range, notes: error.notes)
        }
      } else {
        scope.declare(name, original)
      }
    case .if(let condition, let body, let elseBranch):
      if try await evaluateCondition(condition, in: scope, context) {
        return try await run(body, in: scope, context)
      } else if let elseBranch {
        return try await execute(elseBranch, in: scope, context)
      }
    case .for(let name, let iterable, let body):
      return try await executeFor(name, iterable, body, in: scope, context)
    case .while(let condition, let body):
      while try await evaluateCondition(condition, in: scope, context) {
        try Task.checkCancellation()
        switch try await run(body, in: scope, context) {
        case .breakLoop: return .normal
        case .returned(let value): return .returned(value)
        case .normal, .continueLoop: continue
        }
      }
    case .break: return .breakLoop
    case .continue: return .continueLoop
    case .return(let value):
      guard let value else { return .returned(.null) }
      return .returned(try await evaluate(value, in: scope, context))
    case .wait(let wait):
      try await executeWait(wait, at: statement.range, in: scope, context)
    case .check(let kind, let condition, let message):
      try await executeCheck(
        kind, condition, message: message, at: statement.range, in: scope, context)
    case .parallelBlock(let block):
      try await executeParallel(block, in: scope, context)
    case .parallelFor(let name, let iterable, let body):
      try await executeParallelFor(name, iterable, body, in: scope, context)
    case .try(let body, let errorName, let handler):
      return try await executeTry(body, errorName: errorName, handler: handler, in: scope, context)
    case .defer(let block):
      try await runDeferred(block, in: scope, context)
    case .function:
      break
    case .include(let path):
      if let statements = firstInclusion(
        of: Script.resolveInclude(path, from: statement.range.file))
      {
        _ = try await run(statements, in: globals, context)
      }
    case .block(let block):
      return try await run(block, in: scope, context)
    case .command(let command):
      _ = try await invoke(command, .statement, in: scope, context)
    }
    return .normal
  }

  private func executeFor(
    _ name: String, _ iterable: Expr, _ body: Block, in scope: Scope, _ context: Context
  ) async throws -> Completion {
    let loopScope = Scope(parent: scope)
    func iteration(_ value: Value) async throws -> Completion? {
      try Task.checkCancellation()
      loopScope.declare(name, value)
      switch try await run(body, in: loopScope, context) {
      case .breakLoop: return .normal
      case .returned(let value): return .returned(value)
      case .normal, .continueLoop: return nil
      }
    }
    if case .range(let low, let high) = iterable.kind {
      let (first, last) = try await evaluateBounds(low, high, in: scope, context)
      guard first <= last else { return .normal }
      for number in first...last {
        if let exit = try await iteration(.number(Double(number))) { return exit }
      }
      return .normal
    }
    for value in try await iterationValues(iterable, in: scope, context) {
      if let exit = try await iteration(value) { return exit }
    }
    return .normal
  }

  /// Runs a `defer` body; if the task was cancelled (Ctrl-C) it still runs, in a fresh task,
  /// so cleanup such as `remove` is not skipped.
  private func runDeferred(_ block: Block, in scope: Scope, _ context: Context) async throws {
    guard Task.isCancelled else {
      _ = try await run(block, in: scope, context)
      return
    }
    let cleanup = Task { _ = try await self.run(block, in: scope, context) }
    try await cleanup.value
  }
}

/// How a statement ended.
enum Completion: Sendable {
  case normal
  case breakLoop
  case continueLoop
  case returned(Value)
}

/// Per-task execution state, passed down the tree.
struct Context: Sendable {
  let recorder: Recorder
  let output: OutputSink
  /// The `parallel` branch label, for command contexts.
  let branch: String?
  let callDepth: Int
  /// Where the random built-ins draw: the evaluator's stream, or a `parallel` branch's.
  let random: RandomStream
  /// The running `parallel` branch, nil outside one: which scopes this task may assign.
  var region: BranchRegion? = nil
  /// The innermost `fn` being run, for messages.
  var function: String? = nil
  /// Set while a `wait until` evaluates its condition: failed captures are noted here, so a
  /// failure that cannot change ends the wait at once, and the note says why one failed.
  var failedCaptures: FailedCaptures? = nil
  /// Where this code runs from, innermost first: the `fn` calls (their calling lines with the
  /// expanded arguments) and `parallel` iterations, added to every failure's notes.
  var frames: [String] = []
}

/// `fn`s and included files of an evaluator's session.
private final class SessionState: @unchecked Sendable {
  private let lock = NSLock()
  private var functions: [String: FunctionDecl] = [:]
  private var includes: [String: [Stmt]] = [:]
  private var included: Set<String> = []

  func add(_ program: Program) {
    lock.withLock {
      functions.merge(program.functions) { _, new in new }
      includes.merge(program.includes) { old, _ in old }
    }
  }

  var functionNames: Set<String> { lock.withLock { Set(functions.keys) } }

  func function(named name: String) -> FunctionDecl? { lock.withLock { functions[name] } }

  /// The statements of `path` the first time it is included, nil afterwards.
  func firstInclusion(of path: String) -> [Stmt]? {
    lock.withLock {
      guard !included.contains(path) else { return nil }
      included.insert(path)
      return includes[path]
    }
  }
}
