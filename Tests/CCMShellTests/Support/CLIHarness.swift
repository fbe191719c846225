import Foundation

@testable import CCMShell

/// Runs command lines through the command table in-process against a temp config dir.
struct CLIHarness {
  let configDirectory: String
  var environment: [String: String]
  /// The container engine the commands talk to.
  let engine = FakeEngine()

  init(environment extra: [String: String] = [:]) throws {
    configDirectory = NSTemporaryDirectory() + "ccmsh-cli-" + UUID().uuidString
    try FileManager.default.createDirectory(
      atPath: configDirectory, withIntermediateDirectories: true)
    environment = ["CCM_CONFIG_DIR": configDirectory, "HOME": configDirectory].merging(extra) {
      $1
    }
  }

  /// One command's status, value and captured output.
  struct Run {
    let result: CommandOutcome
    let stdout: String
    let stderr: String
    var status: CCMShell.ExitStatus { result.status }
  }

  /// Runs `line` (split on spaces) or `arguments`.
  @discardableResult
  func run(_ line: String) async -> Run {
    await run(arguments: line.split(separator: " ").map(String.init))
  }

  @discardableResult
  func run(arguments: [String]) async -> Run {
    let output = CapturedOutput()
    let context = CommandContext(
      environment: environment, output: output, lockWait: .milliseconds(50), runner: engine)
    let result = await CommandTable.run(arguments, in: context)
    return Run(result: result, stdout: output.standardOutput, stderr: output.standardError)
  }

  func read(_ relativePath: String) throws -> String {
    try String(contentsOfFile: configDirectory + "/" + relativePath, encoding: .utf8)
  }

  /// `10.x.y` from a container cluster's `cluster_subnet:` (node N has `<prefix>.<N+1>`).
  func subnetPrefix(_ cluster: String) throws -> String {
    let conf = try read(cluster + "/cluster.conf")
    let line = conf.split(separator: "\n").first { $0.hasPrefix("cluster_subnet: ") } ?? ""
    return line.dropFirst("cluster_subnet: ".count).split(separator: ".").prefix(3)
      .joined(separator: ".")
  }

  func exists(_ relativePath: String) -> Bool {
    FileManager.default.fileExists(atPath: configDirectory + "/" + relativePath)
  }

  /// Writes a script into the config dir; returns its path.
  func script(_ name: String, _ text: String) throws -> String {
    let path = configDirectory + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func remove() { try? FileManager.default.removeItem(atPath: configDirectory) }
}
