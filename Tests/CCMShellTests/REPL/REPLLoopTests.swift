import CCMLang
import Foundation
import Synchronization
import Testing

@testable import CCMShell

/// Plays back a fixed list of inputs and records the prompts asked for and the history kept.
private final class ScriptedEditor: LineEditor {
  var inputs: [LineInput]
  var prompts: [PromptKind] = []
  var history: [String] = []
  let isInteractive: Bool

  init(_ inputs: [LineInput], interactive: Bool = true) {
    self.inputs = inputs
    isInteractive = interactive
  }

  func readLine(prompt: PromptKind) -> LineInput {
    prompts.append(prompt)
    return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
  }

  func addHistory(_ line: String) { history.append(line) }
}

/// Records what was executed, from whatever task runs it.
private final class Executed: Sendable {
  private let list = Mutex<[String]>([])
  func append(_ s: String) { list.withLock { $0.append(s) } }
  var all: [String] { list.withLock { $0 } }
}

/// Open braces minus close braces: enough of a parser to drive continuation.
private func braces(_ text: String) -> Bool {
  text.filter { $0 == "{" }.count > text.filter { $0 == "}" }.count
}

private func lines(_ list: String...) -> [LineInput] { list.map { .line($0) } }

/// SIGINT is process-wide, so these tests must not overlap.
@Suite(.serialized) @MainActor struct REPLLoopTests {
  private func loop(_ editor: ScriptedEditor, _ executed: Executed, ok: Bool = true) -> REPLLoop {
    var loop = REPLLoop(editor: editor, isIncomplete: braces) { statement in
      executed.append(statement)
      return ok
    }
    loop.report = { _ in }
    return loop
  }

  @Test func runsEachLineAndSkipsBlankOnes() async {
    let editor = ScriptedEditor(lines("status", "", "   ", "stop node1"))
    let executed = Executed()
    let summary = await loop(editor, executed).run()
    #expect(executed.all == ["status", "stop node1"])
    #expect(summary == REPLLoop.Summary(executed: 2, failed: 0, interrupted: 0))
    #expect(editor.history == ["status", "stop node1"])
  }

  @Test func continuationGathersABlock() async {
    let editor = ScriptedEditor(lines("for n in nodes {", "  stop $n", "}", "status"))
    let executed = Executed()
    _ = await loop(editor, executed).run()
    #expect(executed.all == ["for n in nodes {\n  stop $n\n}", "status"])
    #expect(editor.prompts == [.primary, .continuation, .continuation, .primary, .primary])
    // A block is one history entry, recalled whole.
    #expect(editor.history == ["for n in nodes {\n  stop $n\n}", "status"])
  }

  @Test func aRecalledBlockRunsAgainAsOneEntry() async {
    // Up then Enter hands the loop the whole block at once, newlines included.
    let block = "if x {\n  status\n} else {\n  stop\n}"
    let editor = ScriptedEditor(lines("if x {", "  status", "} else {", "  stop", "}", block))
    let executed = Executed()
    _ = await loop(editor, executed).run()
    #expect(executed.all == [block, block])
    #expect(editor.history == [block, block])
    #expect(editor.prompts.filter { $0 == .continuation }.count == 4)
  }

  @Test func interruptWhileTypingDropsTheOpenBlock() async {
    let editor = ScriptedEditor(
      lines("if x {", "status") + [.interrupted] + lines("echo after"))
    let executed = Executed()
    let summary = await loop(editor, executed).run()
    #expect(executed.all == ["echo after"])
    #expect(editor.prompts == [.primary, .continuation, .continuation, .primary, .primary])
    #expect(editor.history == ["echo after"])
    #expect(summary.interrupted == 0)
  }

  @Test func endOfInputAtTheTerminalDropsAnOpenBlock() async {
    let editor = ScriptedEditor(lines("status", "for n in nodes {"))
    let executed = Executed()
    let summary = await loop(editor, executed).run()
    #expect(executed.all == ["status"])
    #expect(summary.executed == 1)
  }

  @Test func endOfInputInAScriptRunsTheOpenBlockForItsError() async {
    let editor = ScriptedEditor(lines("for n in nodes {", "  stop $n"), interactive: false)
    let executed = Executed()
    let summary = await loop(editor, executed, ok: false).run()
    #expect(executed.all == ["for n in nodes {\n  stop $n"])
    #expect(summary == REPLLoop.Summary(executed: 1, failed: 1, interrupted: 0))
  }

  @Test func failuresAreCountedAndHistoryPolicyApplies() async {
    let editor = ScriptedEditor(lines("bad one"))
    var strict = loop(editor, Executed(), ok: false)
    strict.historyKeepsFailures = false
    let summary = await strict.run()
    #expect(summary.failed == 1)
    #expect(editor.history.isEmpty)
  }

  @Test func ctrlCDuringAStatementCancelsItAndTheLoopGoesOn() async {
    let editor = ScriptedEditor(lines("sleep 30s", "echo after"))
    let executed = Executed()
    let notes = Executed()
    var repl = REPLLoop(editor: editor, isIncomplete: braces) { statement in
      executed.append(statement)
      guard statement.hasPrefix("sleep") else { return true }
      InterruptMonitor.simulateCtrlC()
      do {
        try await Task.sleep(for: .seconds(30))
        return true
      } catch {
        return false
      }
    }
    repl.report = { notes.append($0) }
    let started = ContinuousClock.now
    let summary = await repl.run()
    #expect(ContinuousClock.now - started < .seconds(5))
    #expect(executed.all == ["sleep 30s", "echo after"])
    #expect(summary == REPLLoop.Summary(executed: 2, failed: 1, interrupted: 1))
    #expect(notes.all == ["interrupted"])
  }

  @Test func monitorWithoutSignalReportsNoInterrupt() async {
    let outcome = await InterruptMonitor().run { 42 }
    #expect(outcome.value == 42)
    #expect(!outcome.interrupted)
  }

  @Test func monitorRestoresThePreviousHandler() async {
    var before = sigaction()
    sigaction(SIGINT, nil, &before)
    _ = await InterruptMonitor().run { () }
    var after = sigaction()
    sigaction(SIGINT, nil, &after)
    // Function pointers are not Equatable; compare their addresses.
    let address = { (action: sigaction) in
      unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    }
    #expect(address(before) == address(after))
  }

  /// `run FILE` typed at the prompt runs the file through the real session evaluator, with the
  /// process's progress line shared by both scripts (as in ccmsh), and the loop goes on.
  @Test func runAtThePromptRunsTheFile() async throws {
    let directory = NSTemporaryDirectory() + "ccmsh-repl-run-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let file = directory + "/inner.ccm"
    try "echo inner ran\n".write(toFile: file, atomically: true, encoding: .utf8)
    let devNull = open("/dev/null", O_WRONLY)
    defer { close(devNull) }
    let progress = DelayedProgress(
      line: ProgressLine(style: OutputStyle(fd: devNull, isTerminal: false, colour: false)))
    let previous = ProcessFeedback.progress
    ProcessFeedback.progress = progress
    defer { ProcessFeedback.progress = previous }
    let setup = ScriptSetup(environment: ["CCM_CONFIG_DIR": directory], progress: progress)
    let printed = Executed()
    let evaluator = setup.evaluator(output: CCMLang.OutputSink { text, _ in printed.append(text) })
    let style = OutputStyle(fd: devNull, isTerminal: false, colour: false)
    let editor = ScriptedEditor(lines("run \(file)", "echo after"))
    var repl = REPLLoop(editor: editor, isIncomplete: braces) { entry in
      await REPLSession.runEntry(entry, evaluator: evaluator, log: SessionLog(), style: style)
    }
    repl.report = { _ in }
    let summary = await repl.run()
    #expect(summary == REPLLoop.Summary(executed: 2, failed: 0, interrupted: 0))
    #expect(printed.all.joined().contains("inner ran\n"))
    #expect(printed.all.joined().contains("PASS \(file)"))
    #expect(printed.all.joined().hasSuffix("after\n"))
  }
}
