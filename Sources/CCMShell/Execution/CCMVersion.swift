/// ccmsh's release version: what `ccmsh --version` prints, and the version of the Python wheel
/// (`scripts/build-wheel` reads it from this file, so the two cannot drift apart).
enum CCMVersion {
  static let current = "0.1.0"
}
