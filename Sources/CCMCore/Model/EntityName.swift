/// Validation of cluster, node, data-center and rack names.
///
/// Names become directory names and container names, so they are limited to letters, digits,
/// `_`, `.` and `-`, and may not be `.`/`..` or contain `..` (no escaping the config dir).
public enum EntityName {
  /// Returns `name` if valid, else throws `CCMError.invalidName`.
  @discardableResult
  public static func validate(_ name: String, as kind: NameKind) throws(CCMError) -> String {
    let allowed = name.unicodeScalars.allSatisfy { scalar in
      scalar.isASCII
        && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
          || "_.-".unicodeScalars.contains(scalar))
    }
    guard !name.isEmpty, allowed, !name.contains(".."), name != "." else {
      throw .invalidName(kind: kind, name: name)
    }
    return name
  }
}
