import CCMCore
import CEditLine
import Foundation

/// Long help on a terminal goes through a pager (`$PAGER`, else `less -FRX`), as git's does, so
/// `help`'s 60 lines do not scroll off a 45-line terminal; short help, and any help when stdout
/// is not a terminal, is printed as it is.
enum HelpPager {
  /// Shows `text` in the pager when it is taller than the terminal; false when it did not (the
  /// caller prints it), including when no pager could run.
  static func page(_ text: String, environment: [String: String]) async -> Bool {
    guard Terminal.isInteractive else { return false }
    let rows = Int(ccm_term_rows(STDOUT_FILENO))
    guard rows > 0, lines(text) >= rows, let argv = pager(environment) else { return false }
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("ccmsh-help-\(getpid())-\(UUID().uuidString).txt")
    guard (try? Data(text.utf8).write(to: file)) != nil else { return false }
    defer { try? FileManager.default.removeItem(at: file) }
    let code = try? await TerminalOwnership.hold {
      try await TerminalSession.run(argv + [file.path], timeout: .seconds(24 * 3600))
    }
    return code == 0
  }

  static func lines(_ text: String) -> Int {
    text.split(separator: "\n", omittingEmptySubsequences: false).count
  }

  /// `$PAGER` split into words (no shell involved), else `less -FRX` when it is installed.
  static func pager(_ environment: [String: String]) -> [String]? {
    if let named = environment["PAGER"] {
      let words = named.split(separator: " ").map(String.init)
      // PAGER=cat (or empty) means: no pager.
      guard let first = words.first, first != "cat" else { return nil }
      return words
    }
    let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    guard path.contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/less") })
    else { return nil }
    return ["less", "-FRX"]
  }
}
