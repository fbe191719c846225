import CCMLang
import Foundation
import Synchronization
import Testing

@testable import CCMCore
@testable import CCMShell

/// What a person at the prompt sees and is asked: held defers, `save` over a file or a
/// directory, help, the banner and the prompt.
@Suite struct REPLPromptTests {
  let style = OutputStyle(fd: 2, isTerminal: false, colour: false)

  @Test func aDeferTypedAtThePromptWaitsForTheSessionEnd() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let evaluator = ScriptSetup(environment: cli.environment, runner: cli.engine).evaluator(
      output: .discard, lintsCommands: false, holdsDefers: true)
    let log = SessionLog()
    #expect(
      await REPLSession.runEntry("create dq -n 1", evaluator: evaluator, log: log, style: style))
    #expect(
      await REPLSession.runEntry(
        "defer { remove dq }", evaluator: evaluator, log: log, style: style))
    // repro-template's `defer { remove $name }` once removed the cluster right here.
    #expect(cli.exists("dq"))
    #expect(evaluator.heldDeferCount == 1)
    #expect(await REPLSession.runEntry("status", evaluator: evaluator, log: log, style: style))
    await REPLSession.runHeldDefers(evaluator, style: style)
    #expect(!cli.exists("dq"))
    #expect(evaluator.heldDeferCount == 0)
    // A defer inside a block still runs when its block ends.
    let scripted = ScriptSetup(environment: cli.environment, runner: cli.engine).evaluator(
      output: .discard, holdsDefers: true)
    let outcome = try #require(
      await scripted.runEntry("create dr -n 1\n{\n  defer { remove dr }\n}"))
    #expect(outcome.status == .passed)
    #expect(!cli.exists("dr"))
  }

  @Test func saveAsksBeforeReplacingAFileAndRefusesADirectory() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let evaluator = ScriptSetup(environment: cli.environment, runner: cli.engine).evaluator(
      output: .discard)
    let log = SessionLog()
    _ = await REPLSession.runEntry("echo x", evaluator: evaluator, log: log, style: style)
    let path = cli.configDirectory + "/kept.ccm"
    try "mine\n".write(toFile: path, atomically: true, encoding: .utf8)
    let asked = Mutex<[String]>([])
    let no: Confirmer = { question in
      asked.withLock { $0.append(question) }
      return false
    }
    #expect(
      !(await REPLSession.runEntry(
        "save \(path)", evaluator: evaluator, log: log, style: style, confirmation: no)))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "mine\n")
    #expect(asked.withLock { $0 } == ["'\(path)' exists; overwrite it? [y/N] "])
    let yes: Confirmer = { _ in true }
    #expect(
      await REPLSession.runEntry(
        "save \(path)", evaluator: evaluator, log: log, style: style, confirmation: yes))
    #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("echo x\n"))
    // A directory: a clear error, no question.
    #expect(
      !(await REPLSession.runEntry(
        "save \(cli.configDirectory)", evaluator: evaluator, log: log, style: style,
        confirmation: yes)))
    let reason = SessionLog.reason(
      NSError(
        domain: NSCocoaErrorDomain, code: 512,
        userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EISDIR))]))
    #expect(reason == "Is a directory")
  }

  @Test func helpForAnUnknownWordIsAnErrorAndStatementsHaveDetails() async throws {
    #expect(
      HelpText.answer(["help", "bogus"])
        == .unknown(
          "no help for 'bogus': not a command or a statement (try `help`)"))
    let wait = try #require(HelpText.answer(["help", "wait"])?.text)
    #expect(wait.contains("default: every 1s") && wait.contains("default: 60s"))
    #expect(wait.contains("counts as\n\"not yet\"") || wait.contains("\"not yet\""))
    #expect(wait.contains("Example:"))
    #expect(HelpText.answer(["help", "for"]) != HelpText.answer(["help", "defer"]))
    #expect(HelpText.answer(["help", "defer"])?.text.contains("ends (Ctrl-D)") == true)
    // Each example parses.
    for (word, text) in StatementHelp.details where word != "save" {
      let example = try #require(text.components(separatedBy: "Example:\n").last)
      let code = example.split(separator: "\n").map { $0.dropFirst(2) }.joined(separator: "\n")
      #expect(Parser.parse(code, name: word).diagnostics.isEmpty, "\(word): \(code)")
    }
    // At the prompt and in scripts it is a usage error too.
    let cli = try CLIHarness()
    defer { cli.remove() }
    let host = ScriptSetup(environment: cli.environment, runner: cli.engine).host
    await #expect(throws: CommandHostError.self) {
      let range = SourceRange(file: SourceFile(name: "t", text: ""), start: 0, end: 0)
      _ = try await host.run(
        ["help", "bogus"],
        context: CCMLang.CommandContext(position: .statement, output: .discard, range: range))
    }
  }

  @Test func thePromptNamesTheCurrentClusterAndTheBannerSaysHowToStart() {
    #expect(Banner.prompt(current: nil) == "ccmsh> ")
    #expect(Banner.prompt(current: "nu1") == "ccmsh:nu1> ")
    #expect(Banner.text.contains("type `help`"))
  }

  @Test func longHelpOnlyPagesOnATerminal() {
    #expect(HelpPager.pager(["PAGER": "cat"]) == nil)
    #expect(HelpPager.pager(["PAGER": "less -R"]) == ["less", "-R"])
    #expect(HelpPager.lines("a\nb\nc") == 3)
  }
}
