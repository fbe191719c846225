/// ccmsh's version: the one source `--version`, a bug report, the JUnit report and the REPL
/// read it from.
enum ProductVersion {
  static let current = "0.9.0"

  /// What `ccmsh --version` prints.
  static var line: String { "ccmsh \(current)" }
}
