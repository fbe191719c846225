/// Validation of cluster, node, data-center and rack names.
///
/// Names become directory names and container names, so they are limited to letters, digits,
/// `_`, `.` and `-`, must start with a letter or digit (no hidden directories, nothing that reads
/// as an option) and may not contain `..`. Cluster names may not be the config dir's own entries.
public enum EntityName {
  /// Entries of the config dir that are not clusters (scylla-ccm's and ccmsh's).
  public static let reservedClusterNames: Set<String> = [
    "CURRENT", "config", "repository", "scylla-repository",
  ]

  /// Returns `name` if valid, else throws `CCMError.invalidName`.
  @discardableResult
  public static func validate(_ name: String, as kind: NameKind) throws(CCMError) -> String {
    let allowed = name.unicodeScalars.allSatisfy { scalar in
      scalar.isASCII
        && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
          || "_.-".unicodeScalars.contains(scalar))
    }
    let startsWell = name.unicodeScalars.first.map { !".-_".unicodeScalars.contains($0) } ?? false
    guard allowed, startsWell, !name.contains("..") else {
      throw .invalidName(kind: kind, name: name)
    }
    if kind == .cluster, reservedClusterNames.contains(name) { throw .reservedName(name) }
    return name
  }
}
