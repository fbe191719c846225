import ArgumentParser
import CCMLang

/// `help` and `help WORD` in the REPL and in scripts: the command table's own help, plus the
/// language's statements and the REPL's `save`, which the table does not know.
enum HelpText {
  /// What `help …` answers: the help, or (for a word that is nothing) a usage error.
  enum Answer: Equatable, Sendable {
    case help(String)
    case unknown(String)

    /// The text either way (the help, or the error's message).
    var text: String {
      switch self {
      case .help(let text), .unknown(let text): text
      }
    }
  }

  /// One line per language statement and REPL word, for `help` and `help WORD`; the
  /// language's lines come from `StatementSyntax`, which is checked against the parser.
  static let languageLines: [(word: String, text: String)] =
    StatementSyntax.all.map { ($0.keyword, $0.line) } + [
      ("save", "save FILE                  REPL: write this session's successful statements")
    ]

  /// The help for `argv` when it asks for help, else nil (the table runs it).
  static func answer(_ argv: [String]) -> Answer? {
    guard argv.first == "help", argv.count <= 2 else { return nil }
    guard let word = argv.dropFirst().first else { return .help(overview()) }
    // `remove`, `start`… are both: show the cluster command, then the node command.
    var parts: [String] = []
    if CommandTable.clusterCommandNames.contains(word) {
      parts.append(ErrorReport.helpText(root: ClusterRoot.self, arguments: [word]))
    }
    if CommandTable.nodeCommands.contains(where: { $0._commandName == word }) {
      parts.append(ErrorReport.helpText(root: NodeRoot.self, arguments: [word]))
    }
    if !parts.isEmpty { return .help(parts.joined(separator: "\n\n") + "\n") }
    if let line = languageLines.first(where: { $0.word == word }) {
      let details = StatementHelp.details[word].map { "\n\n" + $0 } ?? ""
      return .help(line.text + details + "\n")
    }
    return .unknown("no help for '\(word)': not a command or a statement (try `help`)")
  }

  /// The table's help, the node commands, then the language.
  static func overview() -> String {
    let nodeCommands = CommandTable.nodeCommands.map { $0._commandName }.joined(separator: ", ")
    return ClusterRoot.helpMessage() + "\n\nNODE COMMANDS (NODE COMMAND ...): " + nodeCommands
      + "\n\nSTATEMENTS:\n" + languageLines.map { "  " + $0.text }.joined(separator: "\n")
      + "\n\n`help WORD` explains a command or a statement; see docs/language.md.\n"
  }
}
