import CCMCore
import CCMLang
import Foundation

/// The interactive session: one evaluator for the whole session (variables and `fn`s persist),
/// the libedit editor with completion and history, `save FILE`, and failures shown the way the
/// CLI shows them.
@MainActor
enum REPLSession {
  /// Runs the REPL until Ctrl-D; the REPL always exits 0 (failures were shown as they happened).
  static func run(setup: ScriptSetup, configDirectory: String) async -> ExitStatus {
    let log = SessionLog()
    let style = OutputStyle.detect(fd: STDERR_FILENO, environment: setup.environment)
    var setup = setup
    setup.terminal = Terminal.isInteractive
    if setup.terminal {
      let question = TerminalQuestion()
      setup.confirmation = { await question.ask($0) }
    }
    let evaluator = setup.evaluator(output: .standard, lintsCommands: false, holdsDefers: true)
    let store = ClusterStore(root: configDirectory)
    let source = SessionCompletionSource(store: store) {
      evaluator.checkOptions.predeclared.sorted()
    }
    try? FileManager.default.createDirectory(
      atPath: configDirectory, withIntermediateDirectories: true)
    let editor = makeLineEditor(
      historyPath: configDirectory + "/ccmsh_history",
      completion: CompletionEngine(source: source))
    if let libedit = editor as? LibEditLineEditor {
      libedit.primaryPromptText = { Banner.prompt(current: store.currentClusterName()) }
    }
    print(Banner.text)
    let loop = REPLLoop(
      editor: editor,
      isIncomplete: { Parser.parse($0, name: "<repl>").isIncomplete },
      execute: { [confirmation = setup.confirmation] entry in
        await runEntry(
          entry, evaluator: evaluator, log: log, style: style, confirmation: confirmation)
      })
    _ = await loop.run()
    await runHeldDefers(evaluator, style: style)
    return .ok
  }

  /// The session's end: the defers typed at the prompt run now, last first.
  nonisolated static func runHeldDefers(_ evaluator: Evaluator, style: OutputStyle) async {
    let count = evaluator.heldDeferCount
    guard count > 0 else { return }
    report("running \(count) held defer\(count == 1 ? "" : "s")\n")
    let outcome = await InterruptMonitor().run { await evaluator.runHeldDefers() }
    if let result = outcome.value, result.status != .passed {
      report(FailureText.render(result, entry: "", style: style))
    }
  }

  /// One entry: `save FILE`, or statements for the evaluator; true when it succeeded.
  nonisolated static func runEntry(
    _ entry: String, evaluator: Evaluator, log: SessionLog, style: OutputStyle,
    confirmation: Confirmer? = nil
  ) async -> Bool {
    if let target = SessionLog.saveTarget(entry) {
      return await save(log, to: target, style: style, confirmation: confirmation)
    }
    let held = evaluator.heldDeferCount
    guard let outcome = await evaluator.runEntry(entry) else {
      report(FailureText.paint(ErrorReport.line("incomplete statement"), style))
      return false
    }
    let now = evaluator.heldDeferCount
    if now > held {
      report("note: held until the session ends (Ctrl-D), as in a script; \(now) held\n")
    }
    if outcome.status == .passed {
      log.record(entry)
      return true
    }
    report(FailureText.render(outcome, entry: entry, style: style))
    return false
  }

  /// `save FILE`: a directory is an error; an existing file is replaced only when the person
  /// says so (as IPython's `%save` asks).
  private nonisolated static func save(
    _ log: SessionLog, to target: String?, style: OutputStyle, confirmation: Confirmer?
  ) async -> Bool {
    guard let target else {
      report(FailureText.paint(ErrorReport.line("usage: save FILE"), style))
      return false
    }
    let path = NSString(string: target).expandingTildeInPath
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      if isDirectory.boolValue {
        let message = "cannot save to '\(target)': it is a directory (give a file name)"
        report(FailureText.paint(ErrorReport.line(message), style))
        return false
      }
      if let confirmation, !(await confirmation("'\(target)' exists; overwrite it? [y/N] ")) {
        report(FailureText.paint(ErrorReport.line("not saved: '\(target)' is unchanged"), style))
        return false
      }
    }
    do {
      let count = try log.save(to: target)
      print("saved \(count) statement\(count == 1 ? "" : "s") to \(target)")
      return true
    } catch {
      let message = "cannot write '\(target)': \(SessionLog.reason(error))"
      report(FailureText.paint(ErrorReport.line(message), style))
      return false
    }
  }

  private nonisolated static func report(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}

/// How a failed REPL entry is shown.
///
/// A command typed on its own line failed: exactly the CLI's `ccmsh: error: …`. Anything else
/// (a failed `assert`, a line inside a block): the script diagnostic with its caret.
enum FailureText {
  static func render(_ outcome: ScriptOutcome, entry: String, style: OutputStyle) -> String {
    if outcome.status == .cancelled { return "" }
    let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
    if outcome.diagnostics.isEmpty, outcome.failures.count == 1,
      let failure = outcome.failures.first,
      failure.kind == .command, failure.source.trimmingCharacters(in: .whitespaces) == trimmed
    {
      let notes = failure.notes.map { "note: \($0)\n" }.joined()
      return paint(ErrorReport.line(failure.message), style) + notes
    }
    return paint(outcome.report, style)
  }

  /// Colours `error:` red on a terminal (never with NO_COLOR).
  static func paint(_ text: String, _ style: OutputStyle) -> String {
    ErrorReport.paint(text, colour: style.colour)
  }
}
