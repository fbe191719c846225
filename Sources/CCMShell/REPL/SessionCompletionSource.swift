import ArgumentParser
import CCMCore
import CCMLang
import Foundation

/// Completion words for the REPL: the command table's commands and flags, language keywords,
/// cluster and node names from the store, and the session's variables.
///
/// Everything is looked up afresh on each Tab, so a cluster created a moment ago completes.
struct SessionCompletionSource: CompletionSource {
  /// The config dir the session's commands use.
  let store: ClusterStore
  /// The session's variable names (the evaluator's globals).
  let variables: @Sendable () -> [String]

  /// Words the REPL understands besides the table and the language.
  static let sessionWords = ["save", "help"]

  /// Common `nodetool` subcommands (the tool has many more; these are what scenarios use).
  static let nodetoolCommands = [
    "cleanup", "compact", "decommission", "describecluster", "describering", "disablebinary",
    "disablegossip", "drain", "enablebinary", "enablegossip", "flush", "getendpoints",
    "gossipinfo", "info", "netstats", "refresh", "removenode", "repair", "ring", "snapshot",
    "status", "statusbinary", "statusgossip", "stop", "tablestats", "version",
  ]

  func statementWords() -> [String] {
    CommandTable.clusterCommands.map { $0._commandName } + Parser.keywords.sorted()
      + Evaluator.builtinCommands.sorted() + Self.sessionWords
  }

  func subcommands(of word: String) -> [String] {
    if word == "help" { return statementWords() + Self.nodeCommandNames }
    if word == "nodetool" { return Self.nodetoolCommands }
    if isStatementWord(word) { return [] }
    // Any other first word is a node name (ccm's `node1 start`).
    return Self.nodeCommandNames
  }

  func flags(of commandPath: [String]) -> [String] {
    guard let type = commandType(commandPath) else { return [] }
    return Self.flags(inHelp: type.helpMessage())
  }

  func argumentKind(of commandPath: [String]) -> ArgumentKind {
    if commandPath == ["switch"] || commandPath == ["remove"] { return .clusters }
    switch commandPath.last {
    case "run", "check": return .paths
    case "partition": return .nodes
    case "collectlogs": return .paths
    default: return .none
    }
  }

  func clusterNames() -> [String] { store.clusterNames() }

  func nodeNames() -> [String] {
    guard let name = store.currentClusterName(), let cluster = try? store.load(name) else {
      return []
    }
    return cluster.nodes.map(\.name)
  }

  func variableNames() -> [String] { variables() }

  static var nodeCommandNames: [String] { CommandTable.nodeCommands.map { $0._commandName } }

  private func isStatementWord(_ word: String) -> Bool {
    statementWords().contains(word)
  }

  /// The table's type for `["create"]` or `["node1", "show"]`.
  private func commandType(_ path: [String]) -> ParsableCommand.Type? {
    guard let first = path.first else { return nil }
    if let cluster = CommandTable.clusterCommands.first(where: { $0._commandName == first }) {
      return cluster
    }
    guard path.count >= 2 else { return nil }
    return CommandTable.nodeCommands.first { $0._commandName == path[1] }
  }

  /// Every `--flag` and `-f` named in a command's help text, in order.
  ///
  /// The help is argument parser's own rendering of the command's declarations, so this stays
  /// true to the table without reaching into its internals.
  static func flags(inHelp help: String) -> [String] {
    var found: [String] = []
    var seen = Set<String>()
    for token in help.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "|" }) {
      var word = String(token)
      if let cut = word.firstIndex(where: { $0 == "=" || $0 == "<" || $0 == ")" || $0 == "]" }) {
        word = String(word[..<cut])
      }
      while word.first == "[" || word.first == "(" { word.removeFirst() }
      // Only whole flag words: `--env;` or `--ssl's` in the help's prose are not flags.
      let name = word.drop { $0 == "-" }
      guard word.hasPrefix("-"), word.count >= 2, word != "--",
        word.dropFirst(word.hasPrefix("--") ? 2 : 1).first?.isLetter == true,
        word.count - name.count <= 2,
        name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
        !seen.contains(word)
      else { continue }
      seen.insert(word)
      found.append(word)
    }
    return found
  }
}
