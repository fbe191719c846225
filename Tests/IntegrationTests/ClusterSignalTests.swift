import Foundation
import Testing

@testable import CCMCore

/// SIGINT/SIGTERM to the `ccmsh` binary while a command runs children: no engine process is left
/// behind, the state left is one that `status` reads and `remove` cleans up completely.
@Suite(
  "Signals during start", .tags(.container),
  .enabled(if: BuiltCCMSH.runs, "ccmsh is not built; run `swift build --product ccmsh`"))
struct ClusterSignalTests {

  @Test(arguments: [RuntimeKind.podman, .docker], [SIGINT, SIGTERM])
  func signalDuringStart(_ kind: RuntimeKind, _ signal: Int32) async throws {
    guard await ClusterSuiteGate.shouldRun(kind), let binary = BuiltCCMSH.required() else { return }
    let client = try await Engines.client(kind)
    try await EngineSlots.run {
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
        #expect(start.terminationStatus == 128 + signal)
        #expect(EngineChildren.logFollowers(of: name).isEmpty, "engine processes left behind")
        let status = try await sandbox.lifecycle(name).status()
        #expect(status.nodes.count == 3)
        let remove = try ccmsh(["remove"])
        remove.waitUntilExit()
        #expect(remove.terminationStatus == 0)
        #expect(!sandbox.operations.store.exists(name))
      }
    }
  }
}

/// `showlog --follow`, `watchlog` and `restart` stop on SIGINT (even when started with SIGINT
/// ignored, as a shell starts background jobs) and on SIGTERM, and leave no engine process.
@Suite(
  "Signals during log commands", .tags(.container),
  .enabled(if: BuiltCCMSH.runs, "ccmsh is not built; run `swift build --product ccmsh`"))
struct LogCommandSignalTests {
  @Test(arguments: [RuntimeKind.podman, .docker])
  func logCommandsAndRestartStopOnSignals(_ kind: RuntimeKind) async throws {
    guard await ClusterSuiteGate.shouldRun(kind), let binary = BuiltCCMSH.required() else { return }
    let client = try await Engines.client(kind)
    try await EngineSlots.run {
      try await ClusterSandbox(kind, client: client).run { sandbox in
        // `trap '' INT` then exec: ccmsh inherits SIGINT ignored, as a background job does.
        let ccmsh = { (arguments: [String], ignoringSIGINT: Bool) throws -> Process in
          let process = Process()
          process.executableURL = URL(fileURLWithPath: "/bin/sh")
          let trap = ignoringSIGINT ? "trap '' INT; " : ""
          process.arguments = ["-c", trap + "exec \"$0\" \"$@\"", binary] + arguments
          process.environment = [
            "CCM_CONFIG_DIR": sandbox.root,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
          ]
          process.standardOutput = FileHandle.nullDevice
          // The last command's stderr is kept: a wrong exit status says why.
          let errors = NSTemporaryDirectory() + "ccmsh-signal-\(sandbox.name("err"))"
          _ = FileManager.default.createFile(atPath: errors, contents: nil)
          process.standardError = FileHandle(forWritingAtPath: errors) ?? FileHandle.nullDevice
          try process.run()
          return process
        }
        let name = sandbox.name("logsig")
        let create = try ccmsh(
          [
            "create", name, "-n", "1", "--docker-image", Engines.testImage,
            "--container-runtime", kind.rawValue, "--env", "SCYLLA_TEST_BOOT_DELAY=20",
          ], false)
        create.waitUntilExit()
        #expect(create.terminationStatus == 0)
        // The boot delay keeps `restart` waiting for its ready line when the signal comes.
        let start = try ccmsh(["start", "--no-wait"], false)
        start.waitUntilExit()
        #expect(start.terminationStatus == 0)
        let cases: [([String], Int32, Bool)] = [
          (["node1", "showlog", "--follow"], SIGINT, true),
          (["node1", "watchlog", "never-in-this-log", "--timeout", "120s"], SIGINT, true),
          (["node1", "showlog", "--follow"], SIGTERM, false),
          (["restart"], SIGTERM, false),
          (["restart"], SIGINT, true),
        ]
        for (arguments, signal, ignoring) in cases {
          let process = try ccmsh(arguments, ignoring)
          try await Task.sleep(for: .milliseconds(1500))
          kill(process.processIdentifier, signal)
          let stopped = await EngineChildren.waitForExit(process, within: .seconds(15))
          #expect(stopped, "\(arguments) ignored signal \(signal)")
          if !stopped { process.terminate() }
          process.waitUntilExit()
          let errors = NSTemporaryDirectory() + "ccmsh-signal-\(sandbox.name("err"))"
          let stderr = try? String(contentsOfFile: errors, encoding: .utf8)
          try? FileManager.default.removeItem(atPath: errors)
          #expect(process.terminationStatus == 128 + signal, "\(arguments): \(stderr ?? "")")
          // A cancelled command says so in words, not as a Swift type name.
          #expect(!(stderr ?? "").contains("CancellationError"), "\(arguments): \(stderr ?? "")")
          #expect(
            EngineChildren.logFollowers(of: name).isEmpty,
            "\(arguments) left engine processes behind")
        }
        let remove = try ccmsh(["remove"], false)
        remove.waitUntilExit()
        #expect(remove.terminationStatus == 0)
        try? FileManager.default.removeItem(
          atPath: NSTemporaryDirectory() + "ccmsh-signal-\(sandbox.name("err"))")
      }
    }
  }
}

/// Engine CLI processes (`podman|docker logs ...`) that mention a cluster's containers.
enum EngineChildren {
  static func logFollowers(of cluster: String) -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry -> String? in
      guard Int32(entry) != nil,
        let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
      else { return nil }
      let argv = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
      guard let first = argv.first,
        ["podman", "docker"].contains((first as NSString).lastPathComponent),
        argv.contains("logs"), argv.contains(where: { $0.contains(cluster) })
      else { return nil }
      return entry + ": " + argv.joined(separator: " ")
    }
  }

  static func waitForExit(_ process: Process, within limit: Duration) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while process.isRunning, ContinuousClock.now < deadline {
      try? await Task.sleep(for: .milliseconds(100))
    }
    return !process.isRunning
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

  /// Whether a suite that runs the binary runs: not built, it skips, except under
  /// `CCMSH_REQUIRE_ENGINES=1`, where it runs and fails (`required()`).
  static var runs: Bool { path != nil || Engines.required }

  /// The binary's path; nil, with a failure recorded, when it is not built.
  static func required() -> String? {
    if path == nil {
      Issue.record("ccmsh is not built (CCMSH_REQUIRE_ENGINES=1): run `swift build`")
    }
    return path
  }
}
