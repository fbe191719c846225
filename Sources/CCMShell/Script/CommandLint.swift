import CCMLang

/// The command table as the script check's `CommandLinter`: a command line is parsed with the
/// table's own definitions, without running it, so `ccmsh check` and the check before `run`
/// report what the run would refuse: `statsu`, `node1 nodetol status`,
/// `start --wait-for-binry-proto`.
struct CommandLint: CommandLinter {
  func problem(in words: [String?]) -> CommandProblem? {
    guard let first = words.first ?? nil, first != "help" else { return nil }
    if let problem = unknownWord(words) { return problem }
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

  /// A first word that is no command, or a node command that does not exist (said as the
  /// shell and the prompt say it: `CommandSpelling`).
  private func unknownWord(_ words: [String?]) -> CommandProblem? {
    guard let problem = CommandSpelling.problem(words) else { return nil }
    return CommandProblem(problem.message, notes: problem.notes, word: problem.word)
  }
}
