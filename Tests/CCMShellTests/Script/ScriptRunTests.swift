import Foundation
import Testing

@testable import CCMShell

/// `run`, `check`, `-c` and the leading global words: exit codes and reports, in-process.
@Suite struct ScriptRunTests {
  /// Writes `text` as `name` in the harness's directory and returns its path.
  @Test func exitCodesOfRun() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let pass = try cli.script(
      "pass.ccm", "create c -n 2\nassert $(status).nodes.count == 2\nremove\n")
    let fail = try cli.script("fail.ccm", "param n = 1\nexpect n == 2\n")
    let invalid = try cli.script("invalid.ccm", "if {\n")

    #expect(await cli.run(arguments: ["run", pass]).status == .ok)
    #expect(await cli.run(arguments: ["run", fail]).status == .failure)
    #expect(await cli.run(arguments: ["run", fail, "n=2"]).status == .ok)
    let bad = await cli.run(arguments: ["run", invalid])
    #expect(bad.status == .invalidScript)
    #expect(bad.stderr.contains("invalid.ccm:1:4: error:"))
    #expect(bad.stderr.contains("INVALID "))
    let missing = await cli.run(arguments: ["run", "nope.ccm"])
    #expect(missing.status == .usage)
    #expect(missing.stderr == "ccmsh: error: no such script 'nope.ccm'\n")
    #expect(await cli.run(arguments: ["run"]).status == .usage)
    #expect(await cli.run(arguments: ["run", fail, "--bogus"]).status == .usage)
    #expect(await cli.run(arguments: ["run", pass, fail, invalid]).status == .invalidScript)
  }

  @Test func runWritesJUnitAndTAP() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let pass = try cli.script("p.ccm", "echo hi\n")
    let fail = try cli.script("f.ccm", "assert 1 == 2\n")
    let junit = cli.configDirectory + "/out/junit.xml"
    let run = await cli.run(arguments: ["run", pass, fail, "--junit", junit, "--tap"])
    #expect(run.status == .failure)
    #expect(run.stdout.hasPrefix("TAP version 13\n1..2\nok 1 - \(pass)\nnot ok 2 - \(fail)\n"))
    #expect(run.stderr.contains("hi\n"))
    let xml = try String(contentsOfFile: junit, encoding: .utf8)
    #expect(xml.contains("tests=\"2\" failures=\"1\" errors=\"0\""))
    #expect(xml.contains("<system-out>hi\n</system-out>"))
  }

  @Test func checkRunsNothing() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let good = try cli.script("g.ccm", "param n = 1\ncreate x -n 1\n")
    let bad = try cli.script("b.ccm", "echo $nope\n")
    let ok = await cli.run(arguments: ["check", good, "n=3"])
    #expect(ok.status == .ok && ok.stdout == "\(good): ok\n")
    #expect(!cli.exists("x"))
    let invalid = await cli.run(arguments: ["check", good, bad])
    #expect(invalid.status == .invalidScript)
    #expect(invalid.stderr.contains("undefined variable 'nope'"))
    // A name no given script declares is a usage error of the command line.
    #expect(await cli.run(arguments: ["check", good, "m=3"]).status == .usage)
  }

  /// Issue 21: a wait on a node that does not exist ends at once with why, not after 30 s.
  @Test func aWaitOnANodeThatDoesNotExistEndsAtOnce() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let script = try cli.script(
      "never.ccm", "create cnever -n 1\nwait until $(node9 show).ok timeout 30s\nremove\n")
    let started = ContinuousClock.now
    let run = await cli.run(arguments: ["run", script])
    #expect(run.status == .failure)
    #expect(run.stderr.contains("node9"), "\(run.stderr)")
    #expect(run.stderr.contains("note: the wait ended at once: waiting cannot change this"))
    #expect(ContinuousClock.now - started < .seconds(20))
  }

  /// C2: a script that switched CURRENT says "Current cluster is now: c"; run then says that
  /// CURRENT is what it was before.
  @Test func runSaysThatItGaveCurrentBack() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let creates = try cli.script("mk.ccm", "create c2run\n")
    let run = await cli.run(arguments: ["run", creates])
    #expect(run.status == .ok, "\(run.stderr)")
    #expect(run.stdout.contains("Current cluster is now: c2run"))
    #expect(run.stderr.contains("ccmsh: note: CURRENT is no cluster again, as before \(creates)"))
    let quiet = try cli.script("q.ccm", "echo q\n")
    #expect(!(await cli.run(arguments: ["run", quiet])).stderr.contains("CURRENT"))
  }

  /// N18: `run A B x=2` gives `x` to the scripts that declare it; only a name that no given
  /// script declares fails the run, as a usage error naming the command line's word.
  @Test func paramsGoToTheScriptsThatDeclareThem() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let declares = try cli.script("pa.ccm", "param x = 1\nassert x == 2\n")
    let plain = try cli.script("pb.ccm", "echo b\n")
    let run = await cli.run(arguments: ["run", declares, plain, "x=2"])
    #expect(run.status == .ok, "\(run.stderr)")
    #expect(await cli.run(arguments: ["check", declares, plain, "x=2"]).status == .ok)
    let typo = await cli.run(arguments: ["run", declares, plain, "xx=2"])
    #expect(typo.status == .usage)
    #expect(
      typo.stderr
        == "ccmsh: error: 'xx=…' does not name a param of any of the 2 scripts (declared: x)\n")
    #expect(!typo.stderr.contains("PASS"))
  }

  @Test func inlineStatementsGiveTheScriptStatus() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let output = CapturedOutput()
    let runner = ScriptRunner(
      setup: ScriptSetup(environment: cli.environment, runner: cli.engine), output: output)
    #expect(await runner.run(text: "echo a; echo b", name: "<-c>").status == .ok)
    #expect(output.standardOutput == "a\nb\n")
    #expect(await runner.run(text: "switch nope", name: "<-c>").status == .failure)
    #expect(output.standardError.contains("<-c>:1:1: error: cluster 'nope' does not exist"))
    #expect(await runner.run(text: "for {", name: "<stdin>").status == .invalidScript)
  }

  @Test func leadingGlobalWords() throws {
    #expect(try Launch([]).mode == .session)
    #expect(try Launch(["-c", "echo hi"]).mode == .inline("echo hi"))
    let verbose = try Launch(["-vv", "--verbose", "status", "-v"])
    #expect(verbose.verbosity == 3 && verbose.mode == .command(Self.words(["status", "-v"])))
    let dir = try Launch(["--config-dir", "/d", "--log-level", "debug", "list"])
    var expected = Self.words(["list"])
    expected.configDirectory = "/d"
    expected.logLevel = .debug
    #expect(dir.mode == .command(expected))
    #expect(dir.logLevel == .debug && dir.configDirectory == "/d")
    #expect(try Launch(["status", "--log-level", "trace"]).logLevel == .trace)
    #expect(throws: Launch.Problem.self) { try Launch(["-c"]) }
    #expect(throws: Launch.Problem.self) { try Launch(["--log-level", "loud", "list"]) }
    #expect(throws: Launch.Problem.self) { try Launch(["-c", "echo", "extra"]) }
    // After `--` the words are exec's command's: its --log-level is not ccmsh's.
    #expect(try Launch(["node1", "exec", "--", "tool", "--log-level", "trace"]).logLevel == nil)
    #expect(try Launch(["--config-dir=/d", "-c", "echo"]).configDirectory == "/d")
    #expect(throws: Launch.Problem.self) { try Launch(["--cluster", "c"]) }
  }

  private static func words(_ rest: [String]) -> GlobalWords {
    var words = GlobalWords()
    words.rest = rest
    return words
  }

  @Test func paramsAndFilesAreTold() throws {
    let arguments = try ScriptArguments(["a.ccm", "n=3", "image=x:1"]) { $0 == "a.ccm" }
    #expect(arguments.files == ["a.ccm"] && arguments.params == ["n": "3", "image": "x:1"])
    #expect(throws: (any Error).self) { try ScriptArguments(["n=3"]) { _ in true } }
  }
}

/// The seed of a run: printed first and after a failure, in both reports, and given back.
@Suite struct RunSeedTests {
  @Test func seedIsPrintedReportedAndReplayed() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let script = try cli.script(
      "r.ccm", "let n = $(random_int 1 1000000)\necho \"n=$n\"\nassert n < 0\n")
    let junit = cli.configDirectory + "/out/j.xml"
    let first = await cli.run(arguments: [
      "run", script, "--seed", "1234", "--tap", "--junit", junit,
    ])
    #expect(first.status == .failure)
    #expect(first.stderr.hasPrefix("ccmsh: seed 1234 (--seed 1234 or CCMSH_SEED=1234"))
    #expect(first.stderr.components(separatedBy: "ccmsh: seed 1234").count == 3)
    #expect(first.stdout.contains("  seed: \"1234\"\n"))
    let xml = try String(contentsOfFile: junit, encoding: .utf8)
    #expect(xml.contains("<property name=\"seed\" value=\"1234\"/>"))
    let value = first.stderr.split(separator: "\n").first { $0.hasPrefix("n=") }
    #expect(value != nil)

    var environment = cli.environment
    environment["CCMSH_SEED"] = "1234"
    let output = CapturedOutput()
    let context = CommandContext(environment: environment, output: output, runner: cli.engine)
    _ = await CommandTable.run(["run", script], in: context)
    #expect(output.standardOutput.split(separator: "\n").first { $0.hasPrefix("n=") } == value)

    let bad = await cli.run(arguments: ["run", script, "--seed", "x"])
    #expect(bad.status == .usage && bad.stderr.contains("--seed takes a whole number"))
  }
}
