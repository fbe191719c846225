import Foundation

/// The scylla-ccm 2.0.5 fixtures (`Tests/Fixtures/scylla-ccm-2.0.5`), materialized into a fresh
/// temp config dir with their placeholders filled in.
struct FixtureTree {
  /// Where the fixtures live in the repository.
  static let source = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/scylla-ccm-2.0.5").path

  /// A temp directory holding `ccm/` (the config dir) and `install-dir/`.
  let scratch: String
  var configDirectory: String { scratch + "/ccm" }
  var installDirectory: String { scratch + "/install-dir" }

  /// An empty config dir and a copy of the fixture install dir.
  init() throws {
    scratch = NSTemporaryDirectory() + "ccmsh-test-" + UUID().uuidString
    try FileManager.default.createDirectory(
      atPath: scratch + "/ccm", withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Self.source + "/install-dir", toPath: installDirectory)
  }

  /// Copies the fixture clusters (and CURRENT) into the config dir.
  func installClusters() throws {
    for name in ["plain3", "multidc", "dock3", "CURRENT"] {
      try FileManager.default.copyItem(
        atPath: Self.source + "/" + name, toPath: configDirectory + "/" + name)
    }
    let files = FileManager.default.enumerator(atPath: configDirectory)
    while let relative = files?.nextObject() as? String {
      let path = configDirectory + "/" + relative
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        try expected(relative).write(toFile: path, atomically: true, encoding: .utf8)
      }
    }
  }

  /// A fixture file's text with placeholders replaced for this tree.
  func expected(_ relativePath: String) throws -> String {
    let text = try String(contentsOfFile: Self.source + "/" + relativePath, encoding: .utf8)
    return text.replacingOccurrences(of: "@CCM_CONFIG_DIR@", with: configDirectory)
      .replacingOccurrences(of: "@INSTALL_DIR@", with: installDirectory)
      .replacingOccurrences(of: "@CONFIG_DIR_NAME@", with: "ccm")
  }

  /// A file under the config dir.
  func read(_ relativePath: String) throws -> String {
    try String(contentsOfFile: configDirectory + "/" + relativePath, encoding: .utf8)
  }

  func remove() { try? FileManager.default.removeItem(atPath: scratch) }
}
