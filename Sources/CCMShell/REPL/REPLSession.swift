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
    let evaluator = setup.evaluator(output: .standard, lintsCommands: false)
    let store = ClusterStore(root: configDirectory)
    let source = SessionCompletionSource(store: store) {
      evaluator.checkOptions.predeclared.sorted()
    }
    try? FileManager.default.createDirectory(
      atPath: configDirectory, withIntermediateDirectories: true)
    let editor = makeLineEditor(
      historyPath: configDirectory + "/ccmsh_history",
      completion: CompletionEngine(source: source))
    let loop = REPLLoop(
      editor: editor,
      isIncomplete: { Parser.parse($0, name: "<repl>").isIncomplete },
      execute: { entry in await runEntry(entry, evaluator: evaluator, log: log, style: style) })
    _ = await loop.run()
    return .ok
  }

  /// One entry: `save FILE`, or statements for the evaluator; true when it succeeded.
  nonisolated static func runEntry(
    _ entry: String, evaluator: Evaluator, log: SessionLog, style: OutputStyle
  ) async -> Bool {
    if let target = SessionLog.saveTarget(entry) {
      return save(log, to: target, style: style)
    }
    guard let outcome = await evaluator.runEntry(entry) else {
      report(FailureText.paint(ErrorReport.line("incomplete statement"), style))
      return false
    }
    if outcome.status == .passed {
      log.record(entry)
      return true
    }
    report(FailureText.render(outcome, entry: entry, style: style))
    return false
  }

  private nonisolated static func save(_ log: SessionLog, to target: String?, style: OutputStyle)
    -> Bool
  {
    guard let target else {
      report(FailureText.paint(ErrorReport.line("usage: save FILE"), style))
      return false
    }
    do {
      let count = try log.save(to: target)
      print("saved \(count) statement\(count == 1 ? "" : "s") to \(target)")
      return true
    } catch {
      let message = "cannot write '\(target)': \(error.localizedDescription)"
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
    guard style.colour else { return text }
    return text.replacingOccurrences(of: "error:", with: Colour.red.paint("error:", style))
  }
}
