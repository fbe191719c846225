import CCMLang
import Testing

@testable import CCMShell

/// A misspelt command reads the same on the shell, at the prompt, in `-c` and in `check`.
@Suite struct CommandSpellingTests {
  @Test func everyContextSaysTheSame() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let cases: [([String], String, String)] = [
      (["statsu"], "unknown command 'statsu'", "did you mean 'status'?"),
      (
        ["node1", "nodetol", "status"], "'nodetol' is not a node command",
        "did you mean 'nodetool'?"
      ),
      (["stauts", "-v"], "unknown command 'stauts'", "did you mean 'start' or 'status'?"),
    ]
    for (argv, message, note) in cases {
      // The shell.
      let run = await cli.run(arguments: argv)
      #expect(run.status == .usage, "\(argv)")
      #expect(run.stderr == "ccmsh: error: \(message)\nnote: \(note)\n", "\(argv)")
      // The prompt, `-c` and stdin (the table as the language's host).
      let host = TableHost.unknownCommand(argv)
      #expect(host?.message == message, "\(argv)")
      #expect(host?.notes == [note], "\(argv)")
      // `ccmsh check`.
      let lint = CommandLint().problem(in: argv)
      #expect(lint?.message == message, "\(argv)")
      #expect(lint?.notes == [note], "\(argv)")
    }
  }

  @Test func aNodeNameWithAKnownCommandPasses() {
    // At the prompt `node1 nodetol status` once read "unknown command 'node1'".
    #expect(TableHost.unknownCommand(["node1", "nodetool", "status"]) == nil)
    #expect(TableHost.unknownCommand(["node1", "flush"]) == nil)
    #expect(TableHost.unknownCommand(["node1", "--help"]) == nil)
    #expect(TableHost.unknownCommand(["node1", "nodetol"])?.message.contains("'node1'") == false)
  }

  @Test func errorsAreRedOnlyWhenAsked() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let output = CapturedOutput()
    var context = CommandContext(
      environment: cli.environment, output: output, lockWait: .milliseconds(50),
      runner: cli.engine)
    context.colourErrors = true
    _ = await CommandTable.run(["switch", "nope"], in: context)
    #expect(output.standardError.hasPrefix("ccmsh: \u{1B}[31merror:\u{1B}[0m "))
    #expect(!(await cli.run("switch nope").stderr.contains("\u{1B}")))
  }
}
