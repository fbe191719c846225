import CCMLang

extension CommandTable {
  /// Words a node may not be called: a first word that is a cluster command, a statement
  /// keyword or a script built-in never reaches the node table, and one that is a node command
  /// reads ambiguously (`ccmsh stop stop`).
  static var reservedWords: Set<String> {
    clusterCommandNames.union(nodeCommandWords).union(["help", "save"])
      .union(Parser.keywords).union(Evaluator.builtinCommands)
  }
}
