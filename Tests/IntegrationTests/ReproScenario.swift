import Foundation
import Testing

@testable import CCMCore

/// A seeded failing script through the built binary on a real engine: `--logs` holds the
/// script's own clusters' node logs (never the CURRENT one's), one log per step with the
/// failing one marked; the same seed in a fresh config dir fails at the same step with the same
/// choices.
enum ReproScenario {
  static let script = """
    param prefix = "r"
    let victim = $(pick node1 node2)
    let pause = $(random_duration 10ms 200ms)
    create ${prefix}src -n 2 --no-switch
    defer { remove ${prefix}src }
    start --cluster ${prefix}src --wait-for-binary-proto
    echo "victim $victim pause $pause"
    $victim stop --cluster ${prefix}src
    sleep $pause
    assert $(status --cluster ${prefix}src).out contains "$victim: UP", "$victim is down"
    """

  static func run(on kind: RuntimeKind) async throws {
    guard let binary = CCMLinkScenario.binary else {
      Issue.record("ccmsh is not built; run `swift build --product ccmsh`")
      return
    }
    let first = ClusterSandbox(kind, client: try await Engines.client(kind))
    var firstSteps: [String: String] = [:]
    try await first.run { sandbox in
      let ccmsh = process(binary, sandbox)
      let path = sandbox.root + "/repro.ccm"
      try script.write(toFile: path, atomically: true, encoding: .utf8)
      // The user's own cluster is CURRENT; the script never names it.
      #expect(try ccmsh.run(["create", sandbox.name("mine"), "-n", "1"]).status == 0)
      defer { _ = try? ccmsh.run(["remove", sandbox.name("mine")]) }
      let logs = sandbox.root + "/out/logs"
      let run = try ccmsh.run([
        "run", path, "prefix=\(sandbox.name("x"))", "--seed", "4242", "--logs", logs,
      ])
      #expect(run.status == 1, "\(run.stderr)")
      #expect(run.stderr.hasPrefix("ccmsh: seed 4242 "))
      let folder = logs + "/repro"
      let clusters = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
      #expect(clusters == ["\(sandbox.name("x"))src", "failure.txt", "steps"].sorted())
      let nodeLogs = try FileManager.default.contentsOfDirectory(
        atPath: folder + "/\(sandbox.name("x"))src")
      #expect(Set(nodeLogs) == ["node1", "node2"], "\(nodeLogs)")
      firstSteps = try steps(folder + "/steps")
      #expect(firstSteps.keys.filter { $0.contains("FAILED") }.count == 1, "\(firstSteps.keys)")
    }
    // The same seed, another config dir: the same steps, the same failing one, the same choices.
    let second = ClusterSandbox(kind, client: try await Engines.client(kind))
    try await second.run { sandbox in
      let ccmsh = process(binary, sandbox)
      let path = sandbox.root + "/repro.ccm"
      try script.write(toFile: path, atomically: true, encoding: .utf8)
      let logs = sandbox.root + "/out/logs"
      var environment = ccmsh.environment
      environment["CCMSH_SEED"] = "4242"
      let replay = try CCMProcess(path: binary, environment: environment).run([
        "run", path, "prefix=\(sandbox.name("x"))", "--logs", logs,
      ])
      #expect(replay.status == 1, "\(replay.stderr)")
      let again = try steps(logs + "/repro/steps")
      #expect(again.keys.sorted() == firstSteps.keys.sorted())
      for (name, text) in again {
        #expect(choices(text) == choices(firstSteps[name] ?? ""), "\(name)")
      }
    }
  }

  private static func process(_ binary: String, _ sandbox: ClusterSandbox) -> CCMProcess {
    CCMProcess(
      path: binary,
      environment: [
        "CCM_CONFIG_DIR": sandbox.root, "CCM_CONTAINER_RUNTIME": sandbox.kind.rawValue,
        "SCYLLA_DOCKER_IMAGE": Engines.testImage,
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": sandbox.root,
      ])
  }

  /// Step log name → text.
  private static func steps(_ folder: String) throws -> [String: String] {
    var steps: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
      steps[name] = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
    }
    return steps
  }

  /// The `# random …` lines and the `victim …` line: what the seed decided.
  private static func choices(_ text: String) -> [String] {
    text.split(separator: "\n").filter { $0.hasPrefix("# random ") || $0.hasPrefix("victim ") }
      .map {
        String($0).replacingOccurrences(
          of: #"^.*/repro\.ccm"#, with: "", options: .regularExpression)
      }
  }
}

@Suite(
  "Seeded repro on docker", .tags(.container, .docker),
  .enabled("docker answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.docker)
  })
struct DockerReproTests {
  @Test func seededFailureReplays() async throws {
    try await EngineSlots.run { try await ReproScenario.run(on: .docker) }
  }
}

@Suite(
  "Seeded repro on podman", .tags(.container, .podman),
  .enabled("podman answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.podman)
  })
struct PodmanReproTests {
  @Test func seededFailureReplays() async throws {
    try await EngineSlots.run { try await ReproScenario.run(on: .podman) }
  }
}
