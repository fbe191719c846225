/// `--image-flag` values the image's entrypoint cannot take, refused before anything starts.
///
/// Every ScyllaDB entrypoint passes flags it does not know on to the server, so any server
/// option works; what fails is a flag of the entrypoint's own given a value it rejects, or one
/// its generation does not have (argparse then prefix-matches it onto another flag).
enum ImageFlagRules {
  /// Entrypoint flags taking `0` or `1` (argparse `choices`; anything else exits 2).
  static let switches: Set<String> = ["developer-mode", "overprovisioned", "io-setup"]

  static func check(
    _ flags: [String: String], profile: ImageProfile?, subject: String = "--image-flag"
  ) throws(CCMError) {
    for (name, value) in flags.sorted(by: { $0.key < $1.key }) {
      if let problem = problem(name, value, generation: profile?.generation) {
        throw .invalidArgument("\(subject) \(name)=\(value): \(problem)")
      }
    }
  }

  static func problem(_ name: String, _ value: String, generation: ImageGeneration?) -> String? {
    if switches.contains(name), value != "0", value != "1" {
      return "the image takes 0 or 1"
    }
    if name == "disable-version-check", !value.isEmpty {
      return "it takes no value (write disable-version-check=)"
    }
    guard let generation else { return nil }
    if name == "experimental", generation >= ImageGeneration(2025, 1) {
      return "images from 2025.1 have no --experimental;"
        + " use experimental-features=NAME (one feature per flag)"
    }
    if ["dc", "rack"].contains(name), generation >= ImageGeneration(2025, 4) {
      return "the image would write cassandra-rackdc.properties, which ccmsh mounts, and exit;"
        + " give the data center with `add --data-center` instead"
    }
    return nil
  }

  /// The entrypoint's argv for `flags`: `--NAME VALUE`, or a bare `--NAME` for an empty
  /// `disable-version-check` (a store-true flag).
  static func arguments(_ flags: [String: String]) -> [String] {
    flags.sorted { $0.key < $1.key }.flatMap { flag -> [String] in
      flag.key == "disable-version-check" && flag.value.isEmpty
        ? ["--\(flag.key)"] : ["--\(flag.key)", flag.value]
    }
  }
}
