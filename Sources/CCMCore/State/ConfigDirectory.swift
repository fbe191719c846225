import Foundation

/// Where cluster state lives: `--config-dir`, else `$CCM_CONFIG_DIR`, else `~/.ccm`
/// (scylla-ccm's `common.get_default_path`).
public enum ConfigDirectory {
  /// The environment variable scylla-ccm and ccmsh both honour.
  public static let environmentVariable = "CCM_CONFIG_DIR"

  /// Resolves the config directory path without touching the disk.
  public static func resolve(override: String?, environment: [String: String]) -> String {
    if let override, !override.isEmpty { return absolutePath(override) }
    if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
      return absolutePath(fromEnvironment)
    }
    let home = environment["HOME"] ?? NSHomeDirectory()
    return home + "/.ccm"
  }

  /// `path` with `~` expanded, made absolute against the working directory.
  public static func absolutePath(_ path: String) -> String {
    let expanded = (path as NSString).expandingTildeInPath
    if expanded.hasPrefix("/") { return expanded }
    return FileManager.default.currentDirectoryPath + "/" + expanded
  }
}
