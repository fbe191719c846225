import ArgumentParser
import Foundation

/// The positional words of `run`/`check`: script files, then `name=value` params.
struct ScriptArguments: Sendable, Equatable {
  var files: [String] = []
  var params: [String: String] = [:]

  /// A word is a param when it looks like `identifier=…`; everything else is a file, which
  /// must exist (a typo is a usage error, not a failed scenario).
  init(_ words: [String], fileExists: (String) -> Bool = FileManager.default.fileExists)
    throws(ValidationError)
  {
    for word in words {
      if let (name, value) = Self.param(word) {
        params[name] = value
      } else if fileExists(word) {
        files.append(word)
      } else {
        throw ValidationError("no such script '\(word)'")
      }
    }
    if files.isEmpty { throw ValidationError("no script given (usage: FILE... [name=value...])") }
  }

  static func param(_ word: String) -> (String, String)? {
    guard let equals = word.firstIndex(of: "=") else { return nil }
    let name = word[..<equals]
    guard let first = name.first, first.isLetter || first == "_",
      name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
    else { return nil }
    return (String(name), String(word[word.index(after: equals)...]))
  }
}
