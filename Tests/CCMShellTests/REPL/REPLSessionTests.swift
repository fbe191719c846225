import CCMLang
import Foundation
import Testing

@testable import CCMCore
@testable import CCMShell

/// The REPL's wiring without a terminal: completion words, `save`, failure text.
@Suite struct REPLSessionTests {
  @Test func completionSourceKnowsCommandsNodesAndVariables() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    await cli.run("create c -n 3")
    let source = SessionCompletionSource(store: ClusterStore(root: cli.configDirectory)) {
      ["rounds"]
    }
    let engine = CompletionEngine(source: source)
    #expect(engine.complete(lineBeforeCursor: "nod").insertion == "e")
    #expect(engine.complete(lineBeforeCursor: "node").matches == ["node1", "node2", "node3"])
    #expect(engine.complete(lineBeforeCursor: "cre").insertion == "ate ")
    #expect(engine.complete(lineBeforeCursor: "wai").insertion == "t ")
    #expect(engine.complete(lineBeforeCursor: "node1 sh").matches.contains("show"))
    #expect(engine.complete(lineBeforeCursor: "switch ").matches == ["c"])
    #expect(engine.complete(lineBeforeCursor: "echo $ro").insertion == "unds ")
    #expect(source.flags(of: ["create"]).contains("--docker-image"))
    #expect(source.flags(of: ["run"]).contains("--junit"))
    #expect(engine.complete(lineBeforeCursor: "sa").insertion == "ve ")
  }

  @Test func completionKnowsClustersAfterClusterNodesAfterCommasPathsAndVariables() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    await cli.run("create cq -n 3")
    try "".write(toFile: cli.configDirectory + "/saved-x.ccm", atomically: true, encoding: .utf8)
    let source = SessionCompletionSource(store: ClusterStore(root: cli.configDirectory)) {
      ["mystate", "rounds"]
    }
    let engine = CompletionEngine(source: source)
    let dir = cli.configDirectory
    #expect(engine.complete(lineBeforeCursor: "status --cluster c").matches == ["cq"])
    #expect(
      engine.complete(lineBeforeCursor: "partition node1,").matches
        == ["node1,node1", "node1,node2", "node1,node3"])
    #expect(engine.complete(lineBeforeCursor: "partition node1,node3 no").insertion == "de")
    #expect(engine.complete(lineBeforeCursor: "save \(dir)/saved-").insertion == "x.ccm ")
    #expect(engine.complete(lineBeforeCursor: "node1 cqlsh -f \(dir)/saved-").insertion == "x.ccm ")
    #expect(engine.complete(lineBeforeCursor: "assert my").insertion == "state ")
    #expect(engine.complete(lineBeforeCursor: "let n = ro").insertion == "unds ")
    #expect(engine.complete(lineBeforeCursor: "wait until my").insertion == "state ")
    #expect(engine.complete(lineBeforeCursor: "echo ${my").insertion == "state}")
    #expect(engine.complete(lineBeforeCursor: "echo ${s").matches.isEmpty)
  }

  @Test func flagsScrapedFromProseAreNotOffered() {
    let source = SessionCompletionSource(store: ClusterStore(root: "/nonexistent")) { [] }
    let flags = source.flags(of: ["node1", "start"]) + source.flags(of: ["create"])
    #expect(flags.contains("--env") && flags.contains("--ssl"))
    #expect(flags.allSatisfy { !$0.contains(";") && !$0.contains("'") }, "\(flags)")
  }

  @Test func flagsAreReadFromHelp() {
    let help = "OPTIONS:\n  -n, --nodes <n>  count\n  --json  print\n  [--x=<y>]\n  -- end"
    #expect(SessionCompletionSource.flags(inHelp: help) == ["-n", "--nodes", "--json", "--x"])
  }

  @Test func saveWritesTheSuccessfulStatementsAndTheyReplay() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let setup = ScriptSetup(environment: cli.environment, runner: cli.engine)
    let evaluator = setup.evaluator(output: .discard)
    let log = SessionLog()
    let style = OutputStyle(fd: 2, isTerminal: false, colour: false)
    for entry in [
      "create s -n 2", "switch nope", "let n = $(status).nodes.count",
      "for i in 1..n {\n  echo $i\n}",
    ] {
      _ = await REPLSession.runEntry(entry, evaluator: evaluator, log: log, style: style)
    }
    // `help` succeeds but is not part of the reproduction.
    #expect(await REPLSession.runEntry("help status", evaluator: evaluator, log: log, style: style))
    #expect(
      log.statements == [
        "create s -n 2", "let n = $(status).nodes.count", "for i in 1..n {\n  echo $i\n}",
      ])
    let path = cli.configDirectory + "/saved.ccm"
    #expect(
      await REPLSession.runEntry("save \(path)", evaluator: evaluator, log: log, style: style))
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.hasPrefix("# Saved from a ccmsh session"))
    #expect(
      text.hasSuffix(
        "create s -n 2\nlet n = $(status).nodes.count\nfor i in 1..n {\n  echo $i\n}\n"))
    #expect(await cli.run(arguments: ["remove", "s"]).status == .ok)
    #expect(await cli.run(arguments: ["run", path]).status == .ok)
    #expect(SessionLog.saveTarget("save 'a.ccm'") == .some("a.ccm"))
    #expect(SessionLog.saveTarget("save") == .some(nil))
    #expect(SessionLog.saveTarget("status") == nil)
  }

  @Test func aFailedCommandLineReadsLikeTheCLI() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let evaluator = ScriptSetup(environment: cli.environment, runner: cli.engine).evaluator(
      output: .discard)
    let outcome = try #require(await evaluator.runEntry("switch nope"))
    let style = OutputStyle(fd: 2, isTerminal: false, colour: false)
    #expect(
      FailureText.render(outcome, entry: "switch nope", style: style)
        == "ccmsh: error: cluster 'nope' does not exist (see 'ccmsh list')\n")
    let assertion = try #require(await evaluator.runEntry("assert 1 == 2"))
    #expect(FailureText.render(assertion, entry: "assert 1 == 2", style: style).contains("^~~"))
    let coloured = OutputStyle(fd: 2, isTerminal: true, colour: true)
    #expect(FailureText.paint("x error: y", coloured).contains("\u{1B}[31m"))
  }
}
