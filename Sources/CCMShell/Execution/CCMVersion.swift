/// ccmsh's release version, the one source of it.
///
/// `--version`, a bug report, the JUnit report and the REPL banner read it here, and
/// `scripts/build-wheel` takes it as the Python wheel's version, so the two cannot drift apart.
enum CCMVersion {
  static let current = "0.1.0"

  /// What `ccmsh --version` prints.
  static var line: String { "ccmsh \(current)" }
}
