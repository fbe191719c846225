import Foundation
import Testing

@testable import CCMCore

/// The trial's CI run with two clusters, one failing on purpose, through the built binary.
///
/// One script makes two clusters (`--no-switch`, acted on with `--cluster`) on a real engine
/// and fails on purpose in the second. The report is the point: the JUnit entry and the TAP block name the failing line, the fn's
/// calling line with its arguments, the wait's last observation and the logs directory; the
/// JUnit file validates against Jenkins xUnit's schema; both clusters are gone afterwards.
enum FailureReportScenario {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scripts/scenario/ci/two-clusters.ccm")
    .path

  static func run(on kind: RuntimeKind) async throws {
    guard let binary = CCMLinkScenario.binary else {
      Issue.record("ccmsh is not built; run `swift build --product ccmsh`")
      return
    }
    let sandbox = ClusterSandbox(kind, client: try await Engines.client(kind))
    try await sandbox.run { sandbox in
      let ccmsh = CCMProcess(
        path: binary,
        environment: [
          "CCM_CONFIG_DIR": sandbox.root, "CCM_CONTAINER_RUNTIME": kind.rawValue,
          "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin",
          "HOME": sandbox.root, "NO_COLOR": "1",
        ])
      let prefix = "fr\(sandbox.suffix)"
      let junit = sandbox.root + "/out/junit.xml"
      let logs = sandbox.root + "/out/logs"
      let run = try ccmsh.run([
        "run", script, "prefix=\(prefix)", "fail_on=dst", "image=\(Engines.testImage)",
        "--junit", junit, "--logs", logs, "--tap",
      ])
      defer {
        _ = try? ccmsh.run(["remove", "\(prefix)src"])
        _ = try? ccmsh.run(["remove", "\(prefix)dst"])
      }
      #expect(run.status == 1, "\(run.stderr)")
      let xml = try String(contentsOfFile: junit, encoding: .utf8)
      // The failing line inside the fn, the line that called it, the last observation.
      #expect(xml.contains("two-clusters.ccm:24: timed out after 3"), "\(xml)")
      #expect(
        xml.contains(
          "in fn expect_nodes, called at \(script):28 as: expect_nodes \(prefix)dst 1 dst"),
        "\(xml)")
      #expect(
        xml.contains("last values: $(status --cluster $cluster).nodes.count is 1, wanted is 2"))
      #expect(xml.contains("log=\"\(logs)/two-clusters\""))
      #expect(xml.contains("<property name=\"engine\" value=\"\(kind.rawValue)\"/>"))
      #expect(run.stdout.contains("not ok 1 - \(script)"))
      #expect(
        run.stdout.contains(
          "tries, last values: $(status --cluster $cluster).nodes.count is 1, wanted is 2\\nin fn"
        ))
      #expect(!run.stderr.contains("both clusters checked"))
      // The defers removed both clusters.
      let list = try ccmsh.run(["list"]).stdout
      #expect(!list.contains(prefix), "\(list)")
      if let xmllint = ["/usr/bin/xmllint"].first(where: FileManager.default.isExecutableFile) {
        let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
          .deletingLastPathComponent().appendingPathComponent("Fixtures/junit/junit-10.xsd").path
        let check = try CCMProcess(path: xmllint, environment: [:]).run([
          "--noout", "--schema", schema, junit,
        ])
        #expect(check.status == 0, "\(check.stderr)")
      }
    }
  }
}

@Suite(
  "failure report on docker", .tags(.container, .docker),
  .enabled("docker answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.docker)
  })
struct DockerFailureReportTests {
  @Test func twoClustersOneFailingOnPurpose() async throws {
    try await EngineSlots.run { try await FailureReportScenario.run(on: .docker) }
  }
}

@Suite(
  "failure report on podman", .tags(.container, .podman),
  .enabled("podman answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.podman)
  })
struct PodmanFailureReportTests {
  @Test func twoClustersOneFailingOnPurpose() async throws {
    try await EngineSlots.run { try await FailureReportScenario.run(on: .podman) }
  }
}
