import CCMCore
import Foundation
import Testing

/// The built `ccmsh` executable: exit codes and streams as a shell sees them.
@Suite struct BinaryTests {
  /// `.build/<config>/ccmsh` next to this test bundle, if it was built.
  private static let binary: String? = {
    let candidate = Bundle.main.bundleURL.deletingLastPathComponent()
      .appendingPathComponent("ccmsh").path
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    let debug = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent(".build/debug/ccmsh").path
    return FileManager.default.isExecutableFile(atPath: debug) ? debug : nil
  }()

  private func run(_ arguments: [String], configDirectory: String) throws
    -> (status: Int32, stdout: String, stderr: String)
  {
    guard let binary = Self.binary else { throw CancellationError() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.environment = ["CCM_CONFIG_DIR": configDirectory, "SCYLLA_DOCKER_IMAGE": "img"]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: stdout, as: UTF8.self),
      String(decoding: stderr, as: UTF8.self)
    )
  }

  @Test(.enabled(if: binary != nil, "ccmsh is not built; run `swift build --product ccmsh`"))
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
}
