import CEditLine
import Foundation

/// The read–execute loop, independent of the language and the command table.
///
/// It only sees closures. It gathers lines into a statement while `isIncomplete` says a block is open, runs it
/// with Ctrl-C cancelling the run, and stops at end of input.
///
/// Ctrl-C never exits: while typing it drops the line and any open block; while a statement runs
/// it cancels the task running it. Ctrl-D on an empty line ends the loop (exit status 0 in the
/// REPL). `help`, `save` and everything else are the executor's business.
///
/// Wiring from `main.swift` (top-level code, so on the main actor):
///
///     let editor = makeLineEditor(
///       historyPath: configDir + "/ccmsh_history",
///       completion: CompletionEngine(source: source))
///     let loop = REPLLoop(editor: editor, isIncomplete: parserSaysIncomplete, execute: run)
///     let summary = await loop.run()
///     exit(editor.isInteractive || summary.failed == 0 ? 0 : 1)
///
/// Main-actor isolated: the editor and `isIncomplete` are created by top-level code in
/// `main.swift`, which is main-actor code; calling them from another executor traps at run time.
/// Reading blocks the main thread, which has nothing else to do meanwhile; statements run in
/// their own task.
@MainActor
struct REPLLoop {
  /// Counts for the caller's exit status (scripts on stdin should fail when a statement failed).
  struct Summary: Sendable, Equatable {
    var executed = 0
    var failed = 0
    var interrupted = 0
  }

  let editor: any LineEditor
  /// The parser's "incomplete input" test: open `{`, unterminated string.
  ///
  /// It gets the lines so far joined with "\n".
  let isIncomplete: @MainActor (String) -> Bool
  /// Runs one complete statement and returns false when it failed.
  ///
  /// It reports its own errors. It runs in a task that is cancelled on Ctrl-C.
  let execute: @Sendable (String) async -> Bool
  var interrupts = InterruptMonitor()
  /// Whether statements that failed are remembered; recalling one to fix a typo is common.
  var historyKeepsFailures = true
  /// Where the loop's own notes ("interrupted") go.
  var report: @Sendable (String) -> Void = { message in
    fputs(message + "\n", ccm_stderr())
    fflush(ccm_stderr())
  }

  init(
    editor: any LineEditor,
    isIncomplete: @escaping @MainActor (String) -> Bool,
    execute: @escaping @Sendable (String) async -> Bool
  ) {
    self.editor = editor
    self.isIncomplete = isIncomplete
    self.execute = execute
  }

  /// Reads and runs statements until the end of input.
  func run() async -> Summary {
    var summary = Summary()
    var lines: [String] = []
    while true {
      switch editor.readLine(prompt: lines.isEmpty ? .primary : .continuation) {
      case .interrupted:
        lines = []
      case .endOfInput:
        // A script that ends inside a block should fail with the parser's message; at the
        // terminal Ctrl-D just leaves, dropping the unfinished block.
        if !lines.isEmpty && !editor.isInteractive {
          await runStatement(lines, into: &summary)
        }
        return summary
      case .line(let line):
        if lines.isEmpty && line.allSatisfy(\.isWhitespace) { continue }
        lines.append(line)
        if isIncomplete(lines.joined(separator: "\n")) { continue }
        await runStatement(lines, into: &summary)
        lines = []
      }
    }
  }

  private func runStatement(_ lines: [String], into summary: inout Summary) async {
    let statement = lines.joined(separator: "\n")
    let execute = self.execute
    // At the terminal, typed-ahead input waits for the next prompt (see `TerminalEcho`).
    let echo = editor.isInteractive ? TerminalEcho.set(STDIN_FILENO, echo: false) : nil
    let outcome = await interrupts.run { await execute(statement) }
    TerminalEcho.restore(STDIN_FILENO, echo)
    summary.executed += 1
    if outcome.interrupted {
      summary.interrupted += 1
      report("interrupted")
    }
    if !outcome.value { summary.failed += 1 }
    if outcome.value || historyKeepsFailures {
      // One entry per statement: a block is recalled whole (libedit shows and edits its
      // newlines, and the history file keeps them escaped), so Enter runs it again.
      editor.addHistory(statement)
    }
  }
}
