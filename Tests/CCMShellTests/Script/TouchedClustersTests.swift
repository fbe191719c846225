import Foundation
import Testing

@testable import CCMShell

/// M2: what a script created or acted on is what `run --logs` collects and `--bundle` packs;
/// the user's CURRENT cluster only when the script itself acted on it.
@Suite struct TouchedClustersTests {
  private func clusters(_ cli: CLIHarness, _ text: String) async throws -> [String] {
    let output = CapturedOutput()
    let runner = ScriptRunner(
      setup: ScriptSetup(environment: cli.environment, runner: cli.engine), output: output)
    let path = try cli.script("t.ccm", text)
    return await runner.run(path: path).clusters.map(\.name)
  }

  @Test func theScriptsClustersNotTheCurrentOne() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create mine -n 1").status == .ok)
    let touched = try await clusters(
      cli,
      """
      create src -n 2 --no-switch
      create dst -n 1 --no-switch
      status --cluster dst
      node1 show --cluster=src
      let taken = $(create mine -n 1)
      assert not taken.ok
      fail on purpose
      """)
    #expect(touched == ["src", "dst"])
    // A create that fails because the name is taken made nothing of the script's.
    #expect(try await clusters(cli, "let r = $(create mine -n 1)\nassert not r.ok") == [])
  }

  @Test func currentAtTheCommandCountsWhenTheScriptActsOnIt() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create mine -n 1").status == .ok)
    #expect(await cli.run("create other -n 1 --no-switch").status == .ok)
    #expect(try await clusters(cli, "status") == ["mine"])
    #expect(try await clusters(cli, "switch other\nstatus\nlist") == ["other"])
    #expect(try await clusters(cli, "create third -n 1\nnode1 show\nremove") == ["third"])
    #expect(try await clusters(cli, "list\necho hi") == [])
  }
}

/// `run --logs DIR`: one log per top-level step, the failing one marked; no cluster, no logs.
@Suite struct StepLogTests {
  @Test func oneLogPerStepTheFailingOneMarked() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let script = try cli.script(
      "steps.ccm",
      "echo one\nlet v = $(pick a b c)\nif true {\n  echo two\n}\nassert v == \"z\"\necho never\n")
    let logs = cli.configDirectory + "/out/logs"
    let run = await cli.run(arguments: ["run", script, "--seed", "9", "--logs", logs])
    #expect(run.status == .failure)
    #expect(run.stderr.contains("the script created or used no cluster"))
    let folder = logs + "/steps/steps"
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(
      names == [
        "01-echo-one.log", "02-let-v-pick-a-b-c.log", "03-if-true.log", "04-FAILED-assert-v-z.log",
      ])
    let failed = try String(contentsOfFile: folder + "/04-FAILED-assert-v-z.log", encoding: .utf8)
    #expect(failed.hasPrefix("# step 4 at \(script):6 (FAILED)\n# assert v == \"z\"\n"))
    #expect(failed.contains("error: assert failed: v == \"z\""))
    let draw = try String(contentsOfFile: folder + "/02-let-v-pick-a-b-c.log", encoding: .utf8)
    #expect(draw.contains("# seed 9\n# random \(script):2: pick → "))
    #expect(
      try String(contentsOfFile: folder + "/03-if-true.log", encoding: .utf8).hasSuffix("two\n"))
    let failure = try String(contentsOfFile: logs + "/steps/failure.txt", encoding: .utf8)
    #expect(failure.contains("ccmsh: seed 9 "))
  }
}
