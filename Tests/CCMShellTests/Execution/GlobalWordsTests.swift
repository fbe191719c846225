import Testing

@testable import CCMCore
@testable import CCMShell

/// The global words of a line are read once, where scylla-ccm's parser takes them, and never
/// out of words another program owns.
@Suite struct GlobalWordsTests {
  private func read(_ line: String) throws -> GlobalWords {
    try GlobalWords(reading: line.split(separator: " ").map(String.init))
  }

  private func words(_ line: String) -> [String] { line.split(separator: " ").map(String.init) }

  @Test func beforeAndAfterTheCommandWord() throws {
    let leading = try read("--config-dir /d --cluster c status -v")
    #expect(leading.configDirectory == "/d" && leading.cluster == "c")
    #expect(leading.rest == words("status -v"))
    // java 4.x appends `--config-dir=DIR` to every line, nodetool's included.
    let java = try read("node1 nodetool status --config-dir=/tmp/j")
    #expect(java.configDirectory == "/tmp/j" && java.rest == words("node1 nodetool status"))
    let cqlsh = try read("node1 cqlsh -x SELECT --log-level=debug --ssl")
    #expect(cqlsh.logLevel == .debug && cqlsh.rest == words("node1 cqlsh -x SELECT --ssl"))
    // optparse: the later occurrence wins.
    #expect(try read("--cluster a list --cluster b").cluster == "b")
  }

  @Test func nothingAfterDoubleDashOrInExecsCommand() throws {
    let dashed = try read("node1 exec -- echo hello --cluster y --log-level debug")
    #expect(dashed.cluster == nil && dashed.logLevel == nil)
    #expect(dashed.rest == words("node1 exec -- echo hello --cluster y --log-level debug"))
    let bare = try read("node1 exec --timeout 5s --cluster c echo --cluster y")
    #expect(bare.cluster == "c")
    #expect(bare.rest == words("node1 exec --timeout 5s echo --cluster y"))
    let nodetool = try read("node1 nodetool -- status --cluster y")
    #expect(nodetool.cluster == nil)
    // A server flag's value is the server's.
    let server = try read("start --jvm_arg --cluster --jvm_arg x")
    #expect(server.cluster == nil && server.rest == words("start --jvm_arg --cluster --jvm_arg x"))
  }

  @Test func badValuesAreUsageErrors() {
    #expect(throws: GlobalWords.Problem(message: "--config-dir needs a value")) {
      try read("list --config-dir")
    }
    #expect(throws: GlobalWords.Problem.self) { try read("status --log-level loud") }
    #expect(CommandTable.usageProblem(words("status --log-level loud")) != nil)
    #expect(CommandTable.usageProblem(words("node1 nodetool status --config-dir=/d")) == nil)
  }

  @Test func passThroughWordsReachTheTool() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create a -n 1").status == .ok)
    let exec = await cli.run("node1 exec -- echo hello --cluster y")
    #expect(exec.status == .ok, "\(exec.stderr)")
    #expect(cli.engine.calls.contains { $0.suffix(4) == ["echo", "hello", "--cluster", "y"] })
    let status = await cli.run("node1 nodetool status --config-dir=\(cli.configDirectory)")
    #expect(status.status == .ok, "\(status.stderr)")
    #expect(cli.engine.calls.last?.last == "status")
    // The option is ccm's: with another config dir there is no current cluster.
    let other = await cli.run("node1 nodetool status --config-dir=\(cli.configDirectory)/none")
    #expect(other.status != .ok)
  }

  @Test func durationsTakeTheLanguagesUnits() throws {
    let start = try StartCommand.parse(["--timeout", "2m"])
    #expect(start.wait.timeout?.duration == .seconds(120))
    let bare = try StartCommand.parse(["--timeout", "30"])
    #expect(bare.wait.timeout?.duration == .seconds(30))
    let stop = try StopCommand.parse(["--stop-timeout", "1500ms"])
    #expect(stop.flags.mode == .gentle(timeout: .milliseconds(1500)))
    #expect(throws: (any Error).self) { try StartCommand.parse(["--timeout", "soon"]) }
  }
}

/// The program's words: its name in messages, `interrupted`, the version.
@Suite struct ProgramWordsTests {
  @Test func messagesTakeTheProgramsName() {
    #expect(ProgramName.rename("see 'ccmsh list'", to: "ccm") == "see 'ccm list'")
    #expect(
      ProgramName.rename("USAGE: ccmsh create <name>", to: "ccm") == "USAGE: ccm create <name>")
    #expect(ProgramName.rename("ccmsh_history", to: "ccm") == "ccmsh_history")
    #expect(ProgramName.rename("see 'ccmsh list'", to: "ccmsh") == "see 'ccmsh list'")
  }

  @Test func aCancelledCommandSaysInterrupted() {
    #expect(CommandFailure.from(CancellationError()).text == "interrupted")
  }

  @Test func versionUnderThreeSpellings() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    for line in ["--version", "-V", "version"] {
      let run = await cli.run(line)
      #expect(run.status == .ok && run.stdout == "ccmsh \(CCMVersion.current)\n", "\(line)")
    }
  }
}
