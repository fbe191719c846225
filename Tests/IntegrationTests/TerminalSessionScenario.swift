import Foundation
import Testing

@testable import CCMCore

/// `NODE exec` and `NODE cqlsh` (no statements) on a terminal get a TTY in the node.
///
/// The built binary runs under `script` (a pseudo-terminal on both ends); the same command
/// without a terminal keeps capturing its output. Real engine, test node image.
enum TerminalSessionScenario {
  /// Runs `command` (a shell command line) under `script`, typing each of `input` on its
  /// terminal three seconds apart.
  static func underTerminal(
    _ command: String, input: [String], environment: [String: String]
  ) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["script", "-qec", command, "/dev/null"]
    process.environment = environment
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stdout
    try process.run()
    let killer = DispatchWorkItem { process.terminate() }
    DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: killer)
    let typing = Thread {
      for text in input {
        stdin.fileHandleForWriting.write(Data(text.utf8))
        Thread.sleep(forTimeInterval: 3)
      }
      // Kept open a moment: `script` ends the session when its input closes.
      Thread.sleep(forTimeInterval: 5)
      try? stdin.fileHandleForWriting.close()
    }
    typing.start()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    killer.cancel()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }

  static func run(on kind: RuntimeKind) async throws {
    guard let binary = CCMLinkScenario.binary else {
      Issue.record("ccmsh is not built; run `swift build --product ccmsh`")
      return
    }
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
      Issue.record("`script` (util-linux) is not installed")
      return
    }
    let sandbox = ClusterSandbox(kind, client: try await Engines.client(kind))
    try await sandbox.run { sandbox in
      let environment = [
        "CCM_CONFIG_DIR": sandbox.root, "CCM_CONTAINER_RUNTIME": kind.rawValue,
        "SCYLLA_DOCKER_IMAGE": Engines.testImage,
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": sandbox.root, "TERM": "dumb",
      ]
      let ccmsh = CCMProcess(path: binary, environment: environment)
      let name = sandbox.name("tty")
      defer { _ = try? ccmsh.run(["remove", name]) }
      let created = try ccmsh.run(["create", name, "-n", "1", "-s"])
      #expect(created.status == 0, "\(created.stderr)")

      // exec on a terminal: the command has a TTY, and its exit status is the command's.
      let exec = try underTerminal(
        "\(binary) node1 exec -- sh -c 'tty; exit 3'", input: [], environment: environment)
      #expect(exec.output.contains("/dev/pts/"), "\(exec.output)")
      #expect(exec.status != 0, "exit 3 in the node must fail the command")

      // cqlsh with no statements on a terminal: cqlsh reads what is typed at its prompt.
      let cqlsh = try underTerminal(
        "\(binary) node1 cqlsh", input: ["SELECT release_version FROM system.local;\nexit\n"],
        environment: environment)
      #expect(cqlsh.status == 0, "\(cqlsh.output)")
      #expect(cqlsh.output.contains("rows)"), "\(cqlsh.output)")

      // A statement typed at the REPL prompt gets the TTY; the same command inside `$(…)` is a
      // value and keeps capturing.
      let repl = try underTerminal(
        binary,
        input: ["node1 exec -- tty\n", "echo $(node1 exec -- sh -c \"tty || true\")\n", "\u{4}"],
        environment: environment)
      #expect(repl.output.contains("/dev/pts/"), "\(repl.output)")
      #expect(repl.output.contains("not a tty"), "\(repl.output)")

      // Without a terminal exec keeps capturing: no TTY in the node.
      let captured = try ccmsh.run(["node1", "exec", "--", "sh", "-c", "tty || true"])
      #expect(captured.stdout.contains("not a tty"), "\(captured.stdout)")
      #expect(try ccmsh.run(["remove", name]).status == 0)
    }
  }
}

@Suite(
  "terminal sessions on docker", .tags(.container, .docker),
  .enabled("docker answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.docker)
  })
struct DockerTerminalSessionTests {
  @Test func execAndCqlshAttachOnATerminal() async throws {
    try await EngineSlots.run { try await TerminalSessionScenario.run(on: .docker) }
  }
}

@Suite(
  "terminal sessions on podman", .tags(.container, .podman),
  .enabled("podman answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.podman)
  })
struct PodmanTerminalSessionTests {
  @Test func execAndCqlshAttachOnATerminal() async throws {
    try await EngineSlots.run { try await TerminalSessionScenario.run(on: .podman) }
  }
}
