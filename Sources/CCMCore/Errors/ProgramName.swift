import Synchronization

/// The name ccmsh was started under: `ccmsh`, or `ccm` for the drivers' harnesses.
///
/// Every message and usage line names the program this way, so a harness's
/// log says what its user typed (`see 'ccm list'`).
public enum ProgramName {
  private static let name = Mutex("ccmsh")

  public static var current: String { name.withLock { $0 } }

  /// Set once, at start, from argv[0].
  public static func set(_ value: String) { name.withLock { $0 = value } }

  /// `text` (a parser's usage or help) with the program's own name where it says `ccmsh`.
  public static func rename(_ text: String, to name: String = current) -> String {
    guard name != "ccmsh" else { return text }
    return text.replacing(/\bccmsh\b/, with: name)
  }
}
