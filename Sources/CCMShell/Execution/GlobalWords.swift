import ArgumentParser

/// The global options of one command line (`--config-dir`, `--log-level`, `--cluster`), read
/// once, and the line without them.
///
/// Where they may stand is scylla-ccm's rule (optparse takes a command's own options anywhere
/// on its line, `ccm node1 nodetool status --config-dir=DIR` included): before the command
/// word and anywhere after it, as `--name VALUE` or `--name=VALUE`, except in words that
/// another program owns:
/// - nothing after `--` (`NODE exec -- echo --cluster y` passes `--cluster y` to echo);
/// - nothing from the first word of `NODE exec`'s command on (`exec echo --cluster y` too);
/// - not the value of an option whose value may start with `-` (`--jvm_arg --cluster`: the
///   server's flag).
///
/// The command table hands the options to the command as a value (`GlobalCommand.global`);
/// the command's parser never sees them. The later of two occurrences wins, as in optparse.
struct GlobalWords: Equatable, Sendable {
  var configDirectory: String?
  var logLevel: LogLevelChoice?
  var cluster: String?
  /// The command line without the global words.
  var rest: [String] = []

  /// The options' names (each takes a value).
  static let names: Set<String> = ["--config-dir", "--log-level", "--cluster"]

  /// Options whose value is taken whatever it looks like (`.unconditionalSingleValue`).
  static let opaqueValued: Set<String> = ["--jvm_arg"]

  /// `NODE exec`'s own options that take a value; its command starts at the first other word.
  static let execValued: Set<String> = ["--timeout"]

  /// A problem with a global word: a usage error.
  struct Problem: Error, Equatable {
    let message: String
  }

  /// The global option `word` is or starts (`--cluster`, `--cluster=c`), if any.
  static func name(of word: String) -> String? {
    if names.contains(word) { return word }
    guard let equals = word.firstIndex(of: "=") else { return nil }
    let name = String(word[..<equals])
    return names.contains(name) ? name : nil
  }

  init(configDirectory: String? = nil, logLevel: LogLevelChoice? = nil, cluster: String? = nil) {
    self.configDirectory = configDirectory
    self.logLevel = logLevel
    self.cluster = cluster
  }

  /// Reads the global words of `arguments` (a command line without the program name).
  init(reading arguments: [String]) throws(Problem) {
    var taken: [String] = []
    var index = 0
    var execution = ExecScan.before
    while index < arguments.count {
      let word = arguments[index]
      if word == "--" || execution == .command {
        rest += arguments[index...]
        break
      }
      if Self.name(of: word) != nil {
        let separate = !word.contains("=")
        guard !separate || index + 1 < arguments.count else {
          throw Problem(message: "\(word) needs a value")
        }
        taken += arguments[index..<(index + (separate ? 2 : 1))]
        index += separate ? 2 : 1
        continue
      }
      rest.append(word)
      index += 1
      if Self.opaqueValued.contains(word), index < arguments.count {
        rest.append(arguments[index])
        index += 1
      } else if execution == .options, Self.execValued.contains(word),
        index < arguments.count, Self.name(of: arguments[index]) == nil
      {
        rest.append(arguments[index])
        index += 1
      } else if !word.hasPrefix("-") {
        execution = execution.after(word, rest: rest)
      }
    }
    try read(taken)
  }

  /// Where a line stands with respect to `NODE exec`'s command.
  private enum ExecScan {
    case before, options, command

    func after(_ word: String, rest: [String]) -> ExecScan {
      switch self {
      case .options: return .command
      case .command: return .command
      case .before:
        let words = rest.filter { !$0.hasPrefix("-") }
        let isNodeExec =
          words.count == 2 && word == "exec"
          && !CommandTable.clusterCommandNames.contains(words[0])
        return isNodeExec ? .options : .before
      }
    }
  }

  /// The values of the taken words, by the options' one declaration (`GlobalOptions`).
  private mutating func read(_ taken: [String]) throws(Problem) {
    guard !taken.isEmpty else { return }
    do {
      let options = try GlobalOptions.parse(taken)
      configDirectory = options.configDirectory
      logLevel = options.logLevel
      cluster = options.cluster
    } catch {
      throw Problem(message: ErrorReport.oneLine(GlobalOptions.message(for: error)))
    }
  }

  /// The same options as `GlobalOptions`, the type every command declares them with (for its
  /// help and completion) and the command table assigns.
  func options() throws -> GlobalOptions {
    var words: [String] = []
    if let configDirectory { words += ["--config-dir=" + configDirectory] }
    if let logLevel { words += ["--log-level=" + logLevel.rawValue] }
    if let cluster { words += ["--cluster=" + cluster] }
    // `GlobalOptions` is made by parsing only; these values parsed once already.
    return try GlobalOptions.parse(words)
  }
}

/// A command of the table: it declares the global options and is handed their value.
protocol GlobalCommand: ParsableCommand {
  var global: GlobalOptions { get set }
}

extension GlobalCommand {
  /// This command with the line's global options.
  func with(_ words: GlobalWords) throws -> Self {
    var command = self
    command.global = try words.options()
    return command
  }
}
