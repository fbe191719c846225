import Foundation
import Testing

@testable import CCMCore

/// The built binary run through a `ccm` link, with a driver harness's command lines, against a
/// real engine and the test node image: what the harness reads must come out.
enum CCMLinkScenario {
  /// `.build/<config>/ccmsh` next to this test bundle, if it was built.
  static let binary: String? = {
    let besideBundle = Bundle.main.bundleURL.deletingLastPathComponent()
      .appendingPathComponent("ccmsh").path
    if FileManager.default.isExecutableFile(atPath: besideBundle) { return besideBundle }
    let debug = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent(".build/debug/ccmsh").path
    return FileManager.default.isExecutableFile(atPath: debug) ? debug : nil
  }()

  static func run(on kind: RuntimeKind) async throws {
    guard let binary else {
      Issue.record("ccmsh is not built; run `swift build --product ccmsh`")
      return
    }
    let sandbox = ClusterSandbox(kind, client: try await Engines.client(kind))
    try await sandbox.run { sandbox in
      let link = sandbox.root + "/ccm"
      try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: binary)
      let ccm = CCMProcess(
        path: link,
        environment: [
          "CCM_CONFIG_DIR": sandbox.root, "CCM_CONTAINER_RUNTIME": kind.rawValue,
          "SCYLLA_DOCKER_IMAGE": Engines.testImage,
          "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin",
          "HOME": sandbox.root,
        ])
      let name = sandbox.name("h")
      defer { _ = try? ccm.run(["remove", name]) }
      // gocql's and java's create lines: a version, --scylla, debug ports, start at once.
      let created = try ccm.run([
        "create", name, "-v", "release:2025.1", "--scylla", "-n", "2", "-s", "-d",
      ])
      #expect(created.status == 0, "\(created.stderr)")
      #expect(created.stdout == "Current cluster is now: \(name)\n")
      let status = try ccm.run(["status", "-v"])
      #expect(status.status == 0)
      let lines = status.stdout.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(
        lines.first == "Cluster: '\(name)'"
          && lines.dropFirst().first?.allSatisfy { $0 == "-" } == true)
      for line in lines.dropFirst(2) where !line.isEmpty {
        // gocql's parser: a node line with UP or DOWN, or an indented key=value.
        #expect(
          ["node1: UP", "node2: UP"].contains(String(line))
            || (line.hasPrefix("       ") && line.contains("=")), "\(line)")
      }
      #expect(status.stdout.contains("binary=('") && !status.stdout.contains("Image"))
      let live = try ccm.run(["liveset"])
      #expect(live.stdout.split(separator: ",").count == 2, "\(live.stdout)")
      #expect(try ccm.run(["node1", "versionfrombuild"]).status == 0)
      #expect(try ccm.run(["flush"]).status == 0)
      #expect(try ccm.run(["node2", "stop", "--no-wait", "-v"]).status == 0)
      #expect(try ccm.run(["status"]).stdout.contains("node2: DOWN\n"))
      let started = try ccm.run(["node2", "start", "--wait-for-binary-proto", "--quiet-windows"])
      #expect(started.status == 0, "\(started.stderr)")
      #expect(try ccm.run(["stop", name, "-g"]).status == 0)
      #expect(try ccm.run(["remove", name]).status == 0)
    }
  }
}

/// One `ccm` process at a time, output captured, with a timeout (a test node starts in seconds).
struct CCMProcess {
  let path: String
  let environment: [String: String]

  func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let killer = DispatchWorkItem { process.terminate() }
    DispatchQueue.global().asyncAfter(deadline: .now() + 180, execute: killer)
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    killer.cancel()
    return (
      process.terminationStatus, String(decoding: stdout, as: UTF8.self),
      String(decoding: stderr, as: UTF8.self)
    )
  }
}

@Suite(
  "ccm link on docker", .tags(.container, .docker),
  .enabled("docker answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.docker)
  })
struct DockerCCMLinkTests {
  @Test func harnessCommandLines() async throws {
    try await EngineSlots.run { try await CCMLinkScenario.run(on: .docker) }
  }
}

@Suite(
  "ccm link on podman", .tags(.container, .podman),
  .enabled("podman answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.podman)
  })
struct PodmanCCMLinkTests {
  @Test func harnessCommandLines() async throws {
    try await EngineSlots.run { try await CCMLinkScenario.run(on: .podman) }
  }
}
