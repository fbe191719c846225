/// Validation of cluster, node, data-center and rack names.
///
/// Names become directory names and container names, so they are limited to letters, digits,
/// `_`, `.` and `-`, must start with a letter or digit (no hidden directories, nothing that reads
/// as an option) and may not contain `..`. Cluster names may not be the config dir's own entries.
/// Lengths are bounded: a node name is the container's hostname (the kernel takes 64 bytes), and
/// a cluster name is part of file names (lock file, `<name>.lock`, 255 bytes) and of container and
/// network names, so it stays well below what the file systems and engines accept.
public enum EntityName {
  /// The longest name of each kind.
  static func maximumLength(_ kind: NameKind) -> Int { kind == .cluster ? 100 : 63 }

  /// Entries of the config dir that are not clusters (scylla-ccm's and ccmsh's).
  static let reservedClusterNames: Set<String> = [
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
    guard name.utf8.count <= maximumLength(kind) else {
      throw .nameTooLong(kind: kind, length: name.utf8.count, limit: maximumLength(kind))
    }
    if kind == .cluster, reservedClusterNames.contains(name) { throw .reservedName(name) }
    return name
  }
}
