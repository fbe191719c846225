import Foundation
import Synchronization
import Testing

@testable import CCMShell

/// A destructive command typed at the prompt asks first and says what it did; nothing else asks.
@Suite struct DestructiveConfirmationTests {
  /// Answers in turn, and remembers the questions.
  final class Answers: Sendable {
    let asked = Mutex<[String]>([])
    let answers: Mutex<[Bool]>
    init(_ answers: [Bool]) { self.answers = Mutex(answers) }
    var confirmation: Confirmer {
      { question in
        self.asked.withLock { $0.append(question) }
        return self.answers.withLock { $0.isEmpty ? false : $0.removeFirst() }
      }
    }
  }

  func run(_ line: String, _ cli: CLIHarness, _ answers: Answers) async -> (CommandOutcome, String)
  {
    let output = CapturedOutput()
    var context = CommandContext(
      environment: cli.environment, output: output, lockWait: .milliseconds(50),
      runner: cli.engine)
    context.confirmation = answers.confirmation
    let outcome = await CommandTable.run(
      line.split(separator: " ").map(String.init), in: context)
    return (outcome, output.standardOutput + output.standardError)
  }

  @Test func clearAndRemoveAskAndSayWhatTheyDid() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create nu1 -n 3").status == .ok)
    let data = cli.configDirectory + "/nu1/node1/data/f"
    try "x".write(toFile: data, atomically: true, encoding: .utf8)

    let no = Answers([false, false, false])
    let (declined, said) = await run("clear", cli, no)
    #expect(declined.status == .failure)
    #expect(said.contains("not confirmed: nothing was cleared"), "\(said)")
    #expect(FileManager.default.fileExists(atPath: data))
    #expect(no.asked.withLock { $0 }.first?.contains("all 3 nodes of cluster 'nu1'") == true)
    #expect(await run("node1 remove", cli, no).0.status == .failure)
    #expect(cli.exists("nu1/node1"))
    #expect(await run("remove", cli, no).0.status == .failure)
    #expect(cli.exists("nu1"))

    let yes = Answers([true, true, true])
    let (cleared, told) = await run("clear", cli, yes)
    #expect(cleared.status == .ok)
    #expect(told == "cleared 3 nodes of nu1\n")
    #expect(!FileManager.default.fileExists(atPath: data))
    #expect(await run("node3 remove", cli, yes).1 == "removed node3 from nu1\n")
    #expect(await run("remove nu1", cli, yes).1 == "removed cluster nu1 (2 nodes)\n")
    #expect(!cli.exists("nu1"))
    #expect(yes.asked.withLock { $0.count } == 3)
  }

  @Test func theShellAndScriptsNeverAsk() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create nu2 -n 1").status == .ok)
    let shell = await cli.run("clear")
    #expect(shell.status == .ok && shell.stdout.isEmpty)
    // A script's host has no confirmation unless the REPL gives it one.
    let setup = ScriptSetup(environment: cli.environment, runner: cli.engine)
    #expect(setup.host.confirmation == nil)
    let outcome = await setup.evaluator(output: .discard).run(
      .init(name: "<-c>", text: "remove nu2\n"))
    #expect(outcome.status == .passed)
    #expect(!cli.exists("nu2"))
  }
}
