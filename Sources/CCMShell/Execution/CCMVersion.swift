/// ccmsh's release version: what `ccmsh --version` prints, and the version of the Python wheel
/// (`scripts/build-wheel` reads it from this file, so the two cannot drift apart). The one source
/// `--version`, a bug report, the JUnit report and the REPL read it from.
enum CCMVersion {
  static let current = "0.1.0"

  /// What `ccmsh --version` prints.
  static var line: String { "ccmsh \(current)" }
}
