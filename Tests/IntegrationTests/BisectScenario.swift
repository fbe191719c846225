import Foundation
import Testing

@testable import CCMCore

/// `ccmsh bisect` through the built binary on a real engine: three releases of a repository of
/// the test's own (the two flavours, and a third tag derived from 2025.4 on which the server
/// dies at start, the planted regression), found by `--versions` in at most ⌈log2 3⌉ + 1 runs;
/// then `--images` with a missing image among them, which its run skips (exit 125).
enum BisectScenario {
  static func run(on kind: RuntimeKind) async throws {
    guard let binary = CCMLinkScenario.binary else {
      Issue.record("ccmsh is not built; run `swift build --product ccmsh`")
      return
    }
    let sandbox = ClusterSandbox(kind, client: try await Engines.client(kind))
    let repository = "localhost/ccmsh-bisect-\(sandbox.suffix)"
    let tags = [
      (UpgradeScenario.old, "2025.1", [String: String]()),
      (UpgradeScenario.new, "2025.4", [:]),
      (UpgradeScenario.new, "2026.1", ["SCYLLA_TEST_CRASH_AT_START": "1"]),
    ]
    var made: [String] = []
    defer { for image in made { DerivedTestImage.remove(kind, image) } }
    for (base, tag, environment) in tags {
      made.append(
        try DerivedTestImage.build(
          kind, from: base, as: repository + ":" + tag, environment: environment))
    }
    try await sandbox.run { sandbox in
      let script = sandbox.root + "/repro.ccm"
      try """
      param image = "none"
      param name = "bisect"
      create $name --docker-image $image -n 1
      defer { remove $name }
      start --wait-for-binary-proto --timeout 60
      assert $(node1 cqlsh -x "SELECT release_version FROM system.local").ok
      """.write(toFile: script, atomically: true, encoding: .utf8)
      var environment = UpgradeScenario.environment(sandbox)
      environment["SCYLLA_DOCKER_REPOSITORY"] = repository
      let ccmsh = CCMProcess(path: binary, environment: environment)
      let out = sandbox.root + "/bisect"
      let found = try ccmsh.run([
        "bisect", "--versions", "2025.1..2026.1", script, "name=\(sandbox.name("bis"))",
        "--out", out,
      ])
      #expect(found.status == 0, "\(found.stdout)\n\(found.stderr)")
      #expect(
        found.stdout.contains("first failing image: \(repository):2026.1\n"), "\(found.stdout)")
      #expect(
        found.stdout.contains("last passing image: \(repository):2025.4\n"), "\(found.stdout)")
      let runs = found.stdout.split(separator: "\n").filter { $0.hasPrefix("run ") }
      #expect(runs.count <= 3, "at most ceil(log2 3) + 1 runs: \(runs)")
      #expect(runs.first?.contains("\(repository):2026.1: failed (exit 1)") == true, "\(runs)")
      // Each run's report is where the line says.
      for line in runs {
        let junit = line.split(separator: " ").first { $0.hasSuffix(".xml,") }.map {
          String($0.dropLast())
        }
        #expect(junit.map { FileManager.default.fileExists(atPath: $0) } == true, "\(line)")
      }

      let missing = repository + ":2025.3"
      let skipping = try ccmsh.run([
        "bisect", "--images", made[0] + "," + missing + "," + made[1] + "," + made[2], script,
        "name=\(sandbox.name("bis2"))", "--out", out + "2",
      ])
      #expect(skipping.status == 0, "\(skipping.stdout)\n\(skipping.stderr)")
      #expect(skipping.stdout.contains("\(missing): skipped (125)"), "\(skipping.stdout)")
      #expect(skipping.stdout.contains("first failing image: \(made[2])\n"), "\(skipping.stdout)")
      #expect(skipping.stdout.contains("last passing image: \(made[1])\n"), "\(skipping.stdout)")
    }
  }
}

@Suite(
  "bisect across images on docker", .tags(.container, .docker),
  .enabled("docker answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.docker)
  })
struct DockerBisectTests {
  @Test func versionsAndSkippedImage() async throws {
    try await EngineSlots.run { try await BisectScenario.run(on: .docker) }
  }
}

@Suite(
  "bisect across images on podman", .tags(.container, .podman),
  .enabled("podman answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.podman)
  })
struct PodmanBisectTests {
  @Test func versionsAndSkippedImage() async throws {
    try await EngineSlots.run { try await BisectScenario.run(on: .podman) }
  }
}
