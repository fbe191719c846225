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
    /// One command line through the table, its global words read.
    case command(GlobalWords)
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
      var words = try GlobalWords(reading: arguments)
      words.rest = try CCMInvocation.translate(words.rest)
      take(words)
      mode = .command(words)
    } catch let error as GlobalWords.Problem {
      throw Problem(message: error.message)
    } catch let error as CCMInvocation.Unsupported {
      throw Problem(message: error.message)
    } catch {
      throw Problem(message: "\(error)")
    }
  }

  init(_ arguments: [String]) throws(Problem) {
    var rest = arguments[...]
    // The global words before the command word (or before -c, or alone: the session's).
    var leading: [String] = []
    while let word = rest.first {
      if word == "--verbose"
        || (word.count >= 2 && word.hasPrefix("-") && word.dropFirst().allSatisfy { $0 == "v" })
      {
        verbosity += word == "--verbose" ? 1 : word.count - 1
        rest = rest.dropFirst()
      } else if word == "-c" {
        guard rest.count >= 2 else { throw Problem(message: "-c needs a value") }
        guard rest.count == 2 else {
          throw Problem(message: "-c takes one argument, the statements; got extra words after it")
        }
        try take(Self.words(leading, alone: "-c"))
        mode = .inline(rest[rest.index(after: rest.startIndex)])
        return
      } else if GlobalWords.name(of: word) != nil {
        let count = word.contains("=") ? 1 : 2
        leading += rest.prefix(count)
        rest = rest.dropFirst(count)
      } else {
        break
      }
    }
    guard !rest.isEmpty else {
      try take(Self.words(leading, alone: "a session"))
      return
    }
    let words = try Self.words(leading + rest, alone: nil)
    take(words)
    mode = .command(words)
  }

  /// The global words of `arguments`; `alone` names what runs when there is no command word,
  /// where `--cluster` (one command's target) means nothing.
  private static func words(_ arguments: [String], alone: String?) throws(Problem) -> GlobalWords {
    let words: GlobalWords
    do {
      words = try GlobalWords(reading: arguments)
    } catch {
      throw Problem(message: error.message)
    }
    if let alone, words.cluster != nil {
      throw Problem(
        message: "--cluster names one command's cluster; it has no meaning for \(alone)")
    }
    return words
  }

  private mutating func take(_ words: GlobalWords) {
    logLevel = words.logLevel.flatMap { Logger.Level(rawValue: $0.rawValue) }
    configDirectory = words.configDirectory
  }
}
