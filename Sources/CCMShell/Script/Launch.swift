import Logging

/// What `ccmsh ARGS` asks for, decided from the words before the command word.
///
/// `-v`/`--verbose` there is the global verbose flag (after a command word `-v` keeps ccm's
/// meaning, as in `status -v`). `-c TEXT` runs statements; no command word starts the REPL
/// on a terminal, or reads a script from stdin otherwise.
struct Launch: Equatable {
  enum Mode: Equatable {
    /// No command word: the REPL, or a script on stdin.
    case session
    /// `-c 'statements'`.
    case inline(String)
    /// One command line through the table (global options included).
    case command([String])
  }

  var mode: Mode = .session
  /// How many times `-v` was given (`-vv` counts two).
  var verbosity = 0
  var logLevel: Logger.Level?
  var configDirectory: String?

  /// A usage problem in the leading words.
  struct Problem: Error, Equatable {
    let message: String
  }

  /// Run as `ccm`: every word is a command line, as scylla-ccm reads it (no REPL, no `-c`, no
  /// leading verbose flag), with the flags that mean nothing for containers dropped.
  init(ccm arguments: [String]) throws(Problem) {
    do {
      mode = .command(try CCMInvocation.translate(arguments))
    } catch {
      throw Problem(message: error.message)
    }
  }

  init(_ arguments: [String]) throws(Problem) {
    let valued: Set<String> = ["--log-level", "--config-dir", "-c"]
    var rest = arguments[...]
    var passOn: [String] = []
    while let word = rest.first {
      if valued.contains(word), rest.count < 2 {
        throw Problem(message: "\(word) needs a value")
      } else if word == "--verbose"
        || (word.count >= 2 && word.hasPrefix("-") && word.dropFirst().allSatisfy { $0 == "v" })
      {
        verbosity += word == "--verbose" ? 1 : word.count - 1
        rest = rest.dropFirst()
      } else if let (name, value, used) = Self.option(rest, names: valued) {
        rest = rest.dropFirst(used)
        switch name {
        case "--log-level":
          logLevel = try Self.level(value)
        case "--config-dir":
          configDirectory = value
          passOn += ["--config-dir", value]
        default:
          guard rest.isEmpty else {
            throw Problem(
              message: "-c takes one argument, the statements; got extra words after it")
          }
          mode = .inline(value)
          return
        }
      } else {
        break
      }
    }
    guard !rest.isEmpty else { return }
    mode = .command(passOn + rest)
    // `--log-level` after the command word is the command's own option; logging honours it too.
    if let index = rest.firstIndex(of: "--log-level"), index + 1 < rest.endIndex {
      logLevel = try Self.level(rest[index + 1])
    }
  }

  private static func level(_ name: String) throws(Problem) -> Logger.Level {
    guard let level = Logger.Level(rawValue: name.lowercased()) else {
      let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
      throw Problem(message: "invalid log level '\(name)' (one of: \(names))")
    }
    return level
  }

  /// `--name value` or `--name=value` at the front of `words`: the name, the value and how many
  /// words it took.
  private static func option(
    _ words: ArraySlice<String>, names: Set<String>
  ) -> (String, String, Int)? {
    guard let word = words.first else { return nil }
    if names.contains(word), words.count >= 2 {
      return (word, words[words.index(after: words.startIndex)], 2)
    }
    if let equals = word.firstIndex(of: "="), names.contains(String(word[..<equals])) {
      return (String(word[..<equals]), String(word[word.index(after: equals)...]), 1)
    }
    return nil
  }
}
