import Foundation
import Testing

@testable import CCMCore
@testable import CCMShell

/// The built `ccmsh` executable: exit codes and streams as a shell sees them.
@Suite struct BinaryTests {
  /// `.build/<config>/ccmsh` next to this test bundle, if it was built.
  static let binary: String? = {
    let candidate = Bundle.main.bundleURL.deletingLastPathComponent()
      .appendingPathComponent("ccmsh").path
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    let debug = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent(".build/debug/ccmsh").path
    return FileManager.default.isExecutableFile(atPath: debug) ? debug : nil
  }()

  /// Whether the binary's tests run: without a built binary they skip, except under
  /// `CCMSH_REQUIRE_ENGINES=1` (CI), where they fail (`NotBuilt`) instead.
  static let runs =
    binary != nil || ProcessInfo.processInfo.environment["CCMSH_REQUIRE_ENGINES"] == "1"

  struct NotBuilt: Error, CustomStringConvertible {
    var description: String { "ccmsh is not built and CCMSH_REQUIRE_ENGINES=1: run `swift build`" }
  }

  /// Runs the binary; `name` other than ccmsh runs it through a link of that name (`ccm`).
  func run(
    _ arguments: [String], configDirectory: String, stdin: Data? = nil, as name: String = "ccmsh",
    environment: [String: String] = [:]
  ) throws -> (status: Int32, stdout: String, stderr: String) {
    guard var binary = Self.binary else { throw NotBuilt() }
    if name != "ccmsh" {
      let link = configDirectory + "/bin/" + name
      try? FileManager.default.createDirectory(
        atPath: configDirectory + "/bin", withIntermediateDirectories: true)
      try? FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: binary)
      binary = link
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.environment = ["CCM_CONFIG_DIR": configDirectory, "SCYLLA_DOCKER_IMAGE": "img"]
      .merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    if stdin != nil { process.standardInput = input }
    try process.run()
    if let stdin {
      input.fileHandleForWriting.write(stdin)
      try input.fileHandleForWriting.close()
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: stdout, as: UTF8.self),
      String(decoding: stderr, as: UTF8.self)
    )
  }

  @Test(.enabled(if: runs, "ccmsh is not built; run `swift build --product ccmsh`"))
  func exitCodesAndStreams() throws {
    let directory = NSTemporaryDirectory() + "ccmsh-bin-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // An install-dir cluster: a container cluster would need a real engine and image.
    let install = directory + "/install"
    try FileManager.default.createDirectory(
      atPath: install + "/conf", withIntermediateDirectories: true)
    try BaseScyllaYAML.builtInDefault.write(
      toFile: install + "/conf/scylla.yaml", atomically: true, encoding: .utf8)
    let created = try run(
      ["create", "c", "-n", "3", "--install-dir", install], configDirectory: directory)
    #expect(created.status == 0 && created.stderr.isEmpty)
    let status = try run(["status"], configDirectory: directory)
    #expect(status.status == 0)
    #expect(status.stdout.hasPrefix("Cluster: 'c'\n"))
    let usage = try run(["create", "bad/name"], configDirectory: directory)
    #expect(usage.status == 64 && usage.stdout.isEmpty)
    #expect(usage.stderr.hasPrefix("ccmsh: error: invalid cluster name"))
    let missing = try run(["switch", "nope"], configDirectory: directory)
    #expect(missing.status == 1)
  }

  /// `run FILE` as a statement (in `-c`, on stdin, inside a script) runs the file as
  /// `ccmsh run FILE` does, with its PASS/FAIL line; it used to trap on the progress line's lock.
  @Test(.enabled(if: runs, "ccmsh is not built; run `swift build --product ccmsh`"))
  func nestedRunWorksEverywhere() throws {
    let directory = NSTemporaryDirectory() + "ccmsh-bin-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let inner = directory + "/inner.ccm"
    try "echo inner ran\n".write(toFile: inner, atomically: true, encoding: .utf8)
    let outer = directory + "/outer.ccm"
    try "run \(inner)\necho outer ran\n".write(toFile: outer, atomically: true, encoding: .utf8)
    let inline = try run(["-c", "run \(inner)"], configDirectory: directory)
    #expect(inline.status == 0)
    #expect(inline.stdout == "inner ran\n")
    #expect(inline.stderr.contains("PASS \(inner)"))
    let piped = try run([], configDirectory: directory, stdin: Data("run \(inner)\n".utf8))
    #expect(piped.status == 0)
    #expect(piped.stdout == "inner ran\n")
    let script = try run(["run", outer], configDirectory: directory)
    #expect(script.status == 0)
    #expect(script.stdout == "inner ran\nouter ran\n")
    #expect(script.stderr.contains("PASS \(inner)") && script.stderr.contains("PASS \(outer)"))
    // A failing nested script fails the statement that ran it.
    let failing = directory + "/failing.ccm"
    try "fail inner broke\n".write(toFile: failing, atomically: true, encoding: .utf8)
    let failed = try run(["-c", "run \(failing)\necho not reached"], configDirectory: directory)
    #expect(failed.status == 1)
    #expect(failed.stderr.contains("inner broke") && failed.stderr.contains("FAIL \(failing)"))
    #expect(failed.stderr.contains("error: 'run \(failing)' did not pass (exit 1)"))
    // The inner report is not repeated as notes of the outer failure.
    #expect(!failed.stderr.contains("note: "), "\(failed.stderr)")
    #expect(!failed.stdout.contains("not reached"))
  }

  /// Script bytes that are not UTF-8 are refused with the offset of the first bad byte, the same
  /// for a file (`check`, `run`) and for stdin.
  @Test(.enabled(if: runs, "ccmsh is not built; run `swift build --product ccmsh`"))
  func nonUTF8ScriptsSaySo() throws {
    let directory = NSTemporaryDirectory() + "ccmsh-bin-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let bytes = Data([0x65, 0x63, 0x68, 0x6F, 0x20, 0xFF, 0xFE, 0x0A])  // "echo \xff\xfe\n"
    let path = directory + "/bad8.ccm"
    try bytes.write(to: URL(fileURLWithPath: path))
    for arguments in [["check", path], ["run", path]] {
      let result = try run(arguments, configDirectory: directory)
      #expect(result.status == 65)
      #expect(
        result.stderr.contains("cannot read script '\(path)': not UTF-8 (byte 0xFF at offset 5)"),
        "\(result.stderr)")
    }
    let piped = try run([], configDirectory: directory, stdin: bytes)
    #expect(piped.status == 65)
    #expect(
      piped.stderr.contains("cannot read script '<stdin>': not UTF-8 (byte 0xFF at offset 5)"))
    #expect(piped.stdout.isEmpty)
  }

  @Test(.enabled(if: runs, "ccmsh is not built; run `swift build --product ccmsh`"))
  func answersToCCM() throws {
    let directory = NSTemporaryDirectory() + "ccmsh-bin-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let install = directory + "/install"
    try FileManager.default.createDirectory(
      atPath: install + "/conf", withIntermediateDirectories: true)
    try BaseScyllaYAML.builtInDefault.write(
      toFile: install + "/conf/scylla.yaml", atomically: true, encoding: .utf8)
    // A harness's create line: -d and -b mean nothing for containers and are accepted.
    let created = try run(
      ["create", "c", "-n", "2", "--install-dir", install, "--scylla", "-d", "-b"],
      configDirectory: directory, as: "ccm")
    #expect(created.status == 0, "\(created.stderr)")
    #expect(created.stdout == "Current cluster is now: c\n")
    let status = try run(["status", "-v"], configDirectory: directory, as: "ccm")
    #expect(status.status == 0 && status.stdout.hasPrefix("Cluster: 'c'\n"))
    // The same no-op flag is unknown to ccmsh itself.
    let plain = try run(
      ["create", "d", "--install-dir", install, "-d"], configDirectory: directory)
    #expect(plain.status == 64)
    let unsupported = try run(
      ["create", "e", "--install-dir", install, "--sni-proxy"], configDirectory: directory,
      as: "ccm")
    #expect(unsupported.status == 64 && unsupported.stderr.contains("SNI proxy"))
    #expect(unsupported.stderr.filter { $0 == "\n" }.count == 1)
    // --ssl is create's own option: a missing directory is one line, nothing made.
    let missing = try run(
      ["create", "e", "--install-dir", install, "--ssl", "/nonexistent/ssl"],
      configDirectory: directory, as: "ccm")
    #expect(
      missing.status == 64 && missing.stderr.contains("'/nonexistent/ssl' is not a directory"))
    #expect(missing.stderr.filter { $0 == "\n" }.count == 1)
    #expect(!FileManager.default.fileExists(atPath: directory + "/e"))
    // No command: usage, as scylla-ccm (no REPL, stdin not read).
    let bare = try run([], configDirectory: directory, as: "ccm")
    #expect(bare.status == 64 && bare.stdout.isEmpty)
  }

  /// Run as `ccm`, messages and usage lines say `ccm`; the version is there under three
  /// spellings; a bad `CCMSH_LOG_LEVEL` is an error as a bad `--log-level` is.
  @Test(.enabled(if: runs, "ccmsh is not built; run `swift build --product ccmsh`"))
  func wordsVersionAndLogLevel() throws {
    let directory = NSTemporaryDirectory() + "ccmsh-bin-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let missing = try run(["switch", "nope"], configDirectory: directory, as: "ccm")
    #expect(missing.stderr == "ccm: error: cluster 'nope' does not exist (see 'ccm list')\n")
    let usage = try run(["create"], configDirectory: directory, as: "ccm")
    #expect(usage.status == 64 && usage.stderr.hasPrefix("ccm: error: "), "\(usage.stderr)")
    #expect(!usage.stderr.contains("ccmsh"), "\(usage.stderr)")
    let help = try run(["create", "--help"], configDirectory: directory, as: "ccm")
    #expect(help.stdout.contains("USAGE: ccm create") && !help.stdout.contains("ccmsh create"))
    for words in [["--version"], ["-V"], ["version"]] {
      let version = try run(words, configDirectory: directory)
      #expect(version.status == 0 && version.stdout == "ccmsh \(CCMVersion.current)\n")
    }
    let bogus = try run(
      ["list"], configDirectory: directory, environment: ["CCMSH_LOG_LEVEL": "bogus"])
    #expect(bogus.status == 64 && bogus.stderr.contains("CCMSH_LOG_LEVEL=bogus"), "\(bogus.stderr)")
  }
}
