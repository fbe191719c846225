import CCMCore
import Foundation
import Testing

/// SIGINT/SIGTERM to the `ccmsh` binary while `start` waits: the state left behind is one that
/// `status` reads and `remove` cleans up completely.
@Suite(
  "Signals during start", .tags(.container),
  .enabled(if: BuiltCCMSH.path != nil, "ccmsh is not built; run `swift build --product ccmsh`"))
struct ClusterSignalTests {

  @Test(arguments: [RuntimeKind.podman, .docker], [SIGINT, SIGTERM])
  func signalDuringStart(_ kind: RuntimeKind, _ signal: Int32) async throws {
    guard await ClusterSuiteGate.shouldRun(kind), let binary = BuiltCCMSH.path else { return }
    let client = try await Engines.client(kind)
    try await ClusterSandbox(kind, client: client).run { sandbox in
      let ccmsh = { (arguments: [String]) throws -> Process in
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = [
          "CCM_CONFIG_DIR": sandbox.root,
          "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
      }
      // Network names (ccm-<cluster>) are engine-wide: one cluster name per test case.
      let name = sandbox.name("sig\(signal)")
      let create = try ccmsh([
        "create", name, "-n", "3", "--docker-image", Engines.testImage, "--container-runtime",
        kind.rawValue, "--env", "SCYLLA_TEST_BOOT_DELAY=2",
      ])
      create.waitUntilExit()
      #expect(create.terminationStatus == 0)
      let start = try ccmsh(["start"])
      try await Task.sleep(for: .milliseconds(1200))
      kill(start.processIdentifier, signal)
      start.waitUntilExit()
      #expect(start.terminationStatus != 0)
      let status = try await sandbox.lifecycle(name).status()
      #expect(status.nodes.count == 3)
      let remove = try ccmsh(["remove"])
      remove.waitUntilExit()
      #expect(remove.terminationStatus == 0)
      #expect(!sandbox.operations.store.exists(name))
    }
  }
}

/// `.build/debug/ccmsh` of this package, if built.
enum BuiltCCMSH {
  static let path: String? = {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent(".build/debug/ccmsh").path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }()
}
