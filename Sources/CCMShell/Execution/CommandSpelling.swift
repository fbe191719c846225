import CCMLang

/// A misspelt command word, said the same way everywhere: on the shell (`ccmsh statsu`), at the
/// prompt, in `-c`, on stdin and in `ccmsh check`: "unknown command 'statsu'" with "did you mean
/// 'status'?", or "'nodetol' is not a node command" with "did you mean 'nodetool'?".
///
/// Only the words are looked at (no cluster is read), so a node name passes as any word that is
/// not close to a cluster command.
enum CommandSpelling {
  struct Problem: Equatable, Sendable {
    var message: String
    var notes: [String]
    /// Index of the word at fault (for a script's caret).
    var word: Int
  }

  /// The problem with the first words of `words` (nil: a word known only at run time), if any.
  static func problem(_ words: [String?]) -> Problem? {
    guard let first = words.first ?? nil, !first.hasPrefix("-"), first != "help",
      !CommandTable.clusterCommandNames.contains(first)
    else { return nil }
    // The REPL takes `save FILE` before a line reaches the language; anywhere else it would
    // read as node `save` running command FILE.
    if first == "save" {
      return Problem(
        message: "'save' works only at the interactive prompt (ccmsh>)",
        notes: ["it writes the session's statements to a file; a script or -c has no session"],
        word: 0)
    }
    let closeCommand = NameSuggestion.closest(
      to: first, among: CommandTable.clusterCommandNames.sorted(), limit: 3)
    let unknownCommand = Problem(
      message: "unknown command '\(first)'", notes: ["did you mean \(quoted(closeCommand))?"],
      word: 0)
    guard words.count >= 2 else {
      if !closeCommand.isEmpty { return unknownCommand }
      return Problem(message: CommandTable.nodeWithoutCommand(first), notes: [], word: 0)
    }
    guard let second = words[1], !CommandTable.nodeCommandWords.contains(second),
      !["help", "-h", "--help"].contains(second)
    else { return nil }
    if !closeCommand.isEmpty { return unknownCommand }
    if second.hasPrefix("-") {
      return Problem(message: CommandTable.nodeWithoutCommand(first), notes: [], word: 0)
    }
    let nodeNames = CommandTable.nodeCommands.map { $0._commandName }
    let closeNode = NameSuggestion.closest(
      to: second, among: Array(CommandTable.nodeCommandWords).sorted(), limit: 3)
    guard !closeNode.isEmpty else {
      // Nothing near a node command either (`printf x`): the first word is the likelier slip.
      return Problem(
        message: "unknown command '\(first)'",
        notes: [
          "if '\(first)' is a node, '\(second)' is not a node command "
            + "(\(nodeNames.joined(separator: ", ")))"
        ],
        word: 0)
    }
    return Problem(
      message: "'\(second)' is not a node command", notes: ["did you mean \(quoted(closeNode))?"],
      word: 1)
  }

  private static func quoted(_ names: [String]) -> String {
    names.map { "'\($0)'" }.joined(separator: " or ")
  }
}
