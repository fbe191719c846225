import Foundation
import Synchronization

/// The statements of a REPL session that succeeded, for `save FILE`: an interactive bug hunt
/// becomes a script that `ccmsh run` replays.
final class SessionLog: Sendable {
  private let entries = Mutex<[String]>([])

  init() {}

  /// Remembers an entry that ran without failure (blocks keep their lines).
  ///
  /// `help` lines are left out: they change nothing, and replayed they would bury the
  /// reproduction's output under pages of help.
  func record(_ entry: String) {
    guard entry.split(whereSeparator: \.isWhitespace).first != "help" else { return }
    entries.withLock { $0.append(entry) }
  }

  var statements: [String] { entries.withLock { $0 } }

  /// The script text: a header saying where it came from, then each statement.
  func script(date: Date = Date()) -> String {
    let stamp = ISO8601DateFormatter().string(from: date)
    let body = statements.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined()
    return "# Saved from a ccmsh session on \(stamp); run it with `ccmsh run FILE`.\n" + body
  }

  /// Writes the script to `path`; returns how many statements it holds.
  func save(to path: String, date: Date = Date()) throws -> Int {
    let expanded = NSString(string: path).expandingTildeInPath
    try Data(script(date: date).utf8).write(to: URL(fileURLWithPath: expanded))
    return statements.count
  }

  /// Why a write failed, in the system's words ("No such file or directory"), not Cocoa's
  /// ("NSCocoaErrorDomain error 512").
  static func reason(_ error: any Error) -> String {
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    if let code = underlying?.domain == NSPOSIXErrorDomain ? underlying?.code : nil {
      return String(cString: strerror(Int32(code)))
    }
    return error.localizedDescription
  }

  /// `save FILE` typed at the prompt: the file, or nil when the entry is something else.
  ///
  /// Quotes around the file name are removed; `save` alone is an error the caller reports.
  static func saveTarget(_ entry: String) -> String?? {
    let words = entry.split(whereSeparator: \.isWhitespace)
    guard words.first == "save" else { return nil }
    guard words.count == 2, let word = words.last else { return .some(nil) }
    let unquoted = word.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    return .some(unquoted)
  }
}
