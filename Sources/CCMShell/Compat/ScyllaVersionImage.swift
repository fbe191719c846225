import CCMCore

/// scylla-ccm's version strings (`create -v release:2025.1`, `2025.1.3`, `--version=release:6.2`)
/// as the container image of that ScyllaDB version: `<repository>:<tag>`.
///
/// scylla-ccm downloads a relocatable package for a version; ccmsh runs the release's image
/// instead. The repository is `scylladb/scylla` (`scylladb/scylla-enterprise` for the 2017-2024
/// enterprise releases, which were published there), or `$SCYLLA_DOCKER_REPOSITORY` when set, so
/// a CI mirror or a stand-in image can answer for every version.
enum ScyllaVersionImage {
  static let repository = "scylladb/scylla"
  static let enterpriseRepository = "scylladb/scylla-enterprise"

  /// The image for `version`; `scylla` is whether `--scylla` was given (it makes a version like
  /// `5.4` or `6.2` ScyllaDB's rather than Cassandra's).
  static func image(
    for version: String, scylla: Bool, environment: [String: String]
  ) throws(CCMError) -> String {
    let tag = try self.tag(version, scylla: scylla)
    if let repository = environment["SCYLLA_DOCKER_REPOSITORY"], !repository.isEmpty {
      return repository + ":" + tag
    }
    let major = Int(tag.prefix { $0.isNumber }) ?? 0
    return (2017...2024).contains(major) ? enterpriseRepository + ":" + tag : repository + ":" + tag
  }

  /// The image tag a version string names, or a one-line reason it names none.
  static func tag(_ version: String, scylla: Bool) throws(CCMError) -> String {
    var text = version
    if text.hasPrefix("release:") { text.removeFirst("release:".count) }
    if text.contains(":") || text.hasPrefix("git") || text.hasPrefix("unstable") {
      throw noImage(version)
    }
    // A ScyllaDB version string spells release candidates `2025.1.0~rc1`; the tags use '-'.
    text = text.replacingOccurrences(of: "~", with: "-")
    let parts = text.split(separator: "-", maxSplits: 1)
    let numbers = parts.first?.split(separator: ".", omittingEmptySubsequences: false) ?? []
    guard (2...3).contains(numbers.count),
      numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
      text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }),
      let major = Int(numbers[0])
    else { throw noImage(version) }
    guard major >= 2017 || scylla else {
      throw CCMError.invalidArgument(
        "'\(version)' is a Cassandra version; ccmsh runs ScyllaDB only: give a ScyllaDB version "
          + "with --scylla (-v release:2025.1 --scylla) or --docker-image IMAGE")
    }
    return text
  }

  private static func noImage(_ version: String) -> CCMError {
    .invalidArgument(
      "version '\(version)' names no image: ccmsh runs ScyllaDB releases as images "
        + "(-v release:2025.1, -v 2025.1.3, -v 6.2.0 --scylla), or --docker-image IMAGE")
  }
}
