import CCMLang

/// The command table as the script check's `CommandLinter`: a command line is parsed with the
/// table's own definitions, without running it, so `ccmsh check` and the check before `run`
/// report what the run would refuse: `statsu`, `node1 nodetol status`,
/// `start --wait-for-binry-proto`.
struct CommandLint: CommandLinter {
  func problem(in words: [String?]) -> CommandProblem? {
    guard let first = words.first ?? nil, first != "help" else { return nil }
    if let problem = unknownWord(first, words) { return problem }
    // A word known only at run time stands in as `1`: any count, duration or name parses.
    let argv = words.map { $0 ?? "1" }
    guard let message = CommandTable.usageProblem(argv) else { return nil }
    let flag = words.indices.first { index in
      guard let word = words[index], word.hasPrefix("-") else { return false }
      let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
      return message.contains("'\(name)'")
    }
    // With run-time words, only a flag written out that the command does not declare is
    // certain; any other complaint may be about the stand-in.
    guard
      !words.contains(where: { $0 == nil }) || (flag != nil && message.hasPrefix("Unknown option"))
    else { return nil }
    // The parser's message already suggests the closest flag ("Did you mean …?").
    return CommandProblem(message, word: flag)
  }

  /// A first word that is no command, or a node command that does not exist.
  private func unknownWord(_ first: String, _ words: [String?]) -> CommandProblem? {
    guard !first.hasPrefix("-"), !CommandTable.clusterCommandNames.contains(first) else {
      return nil
    }
    let clusterNames = CommandTable.clusterCommandNames.sorted()
    let nodeNames = CommandTable.nodeCommands.map { $0._commandName }
    let closeCommand = NameSuggestion.closest(to: first, among: clusterNames, limit: 3)
    guard words.count >= 2 else {
      return CommandProblem(
        "unknown command '\(first)'",
        notes: closeCommand.isEmpty
          ? [CommandTable.nodeWithoutCommand(first)] : ["did you mean \(quoted(closeCommand))?"],
        word: 0)
    }
    guard let second = words[1], !CommandTable.nodeCommandWords.contains(second) else {
      return nil
    }
    if !closeCommand.isEmpty {
      return CommandProblem(
        "unknown command '\(first)'", notes: ["did you mean \(quoted(closeCommand))?"], word: 0)
    }
    let closeNode = NameSuggestion.closest(to: second, among: nodeNames, limit: 3)
    return CommandProblem(
      "'\(second)' is not a node command",
      notes: closeNode.isEmpty
        ? ["node commands: \(nodeNames.joined(separator: ", "))"]
        : ["did you mean \(quoted(closeNode))?"],
      word: 1)
  }

  private func quoted(_ names: [String]) -> String {
    names.map { "'\($0)'" }.joined(separator: " or ")
  }
}
