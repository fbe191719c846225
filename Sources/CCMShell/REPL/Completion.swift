import Foundation

/// What the positional arguments of a command complete to.
enum ArgumentKind: Sendable, Equatable {
  case none
  case nodes
  case clusters
  case paths
  case words([String])
}

/// The words completion draws from.
///
/// The command table and the evaluator's environment supply them. Every method is asked afresh on each Tab, so new clusters, nodes and variables show up at once.
protocol CompletionSource {
  /// Words that may start a statement: command names and language keywords.
  func statementWords() -> [String]
  /// Subcommands after a first word: `nodetool` → `status`…, and `node1` → `start`, `stop`….
  func subcommands(of word: String) -> [String]
  /// Flags of a command path such as `["create"]` or `["node1", "nodetool"]`.
  func flags(of commandPath: [String]) -> [String]
  /// What positional arguments of a command path are.
  func argumentKind(of commandPath: [String]) -> ArgumentKind
  func clusterNames() -> [String]
  func nodeNames() -> [String]
  /// Variable names without the `$`.
  func variableNames() -> [String]
}

/// One directory entry for path completion.
struct PathEntry: Sendable, Equatable {
  var name: String
  var isDirectory: Bool
}

/// Lists a directory for path completion; injected so the engine stays testable without a disk.
typealias DirectoryLister = @Sendable (_ directory: String) -> [PathEntry]

/// The result of completing the word before the cursor.
struct CompletionResult: Sendable, Equatable {
  /// The word being completed, as typed (empty after a space).
  var word: String
  /// Every candidate, sorted and without duplicates; each is a full replacement for `word`.
  var matches: [String]
  /// Text to insert at the cursor: the matches' common prefix beyond `word`, plus a space
  /// (or a closing quote and a space) after a unique match that is not a directory.
  var insertion: String
  /// True when several matches remain and nothing more can be inserted: show the list.
  var shouldList: Bool { insertion.isEmpty && matches.count > 1 }
}

/// Pure completion logic: the line before the cursor in, the candidates and the insertion out.
struct CompletionEngine {
  /// Commands whose arguments are always file paths (language `include`, CLI `run`, the REPL's
  /// `save`).
  static let pathCommands: Set<String> = ["include", "run", "save"]
  /// Options whose value is a file (`cqlsh -f FILE`, `run --junit FILE`).
  static let pathOptions: Set<String> = ["-f", "--file", "--junit", "--logs", "--config-dir"]
  /// Words after which an expression starts, where variables complete without `$`.
  static let expressionWords: Set<String> = [
    "assert", "expect", "if", "while", "until", "=", "return",
  ]

  var source: any CompletionSource
  var listDirectory: DirectoryLister = CompletionEngine.listFileSystem

  func complete(lineBeforeCursor line: String) -> CompletionResult {
    let words = Self.statementWords(line)
    let word = words.last ?? ""
    let previous = Array(words.dropLast())
    if word.hasPrefix("${") {
      let names = source.variableNames().map { "${" + $0 }
      return Self.result(word: word, candidates: names, closing: "}")
    }
    if word.hasPrefix("$") {
      let names = source.variableNames().map { "$" + $0 }
      return Self.result(word: word, candidates: names)
    }
    guard let first = previous.first else {
      return Self.result(word: word, candidates: source.statementWords() + source.nodeNames())
    }
    if Self.pathCommands.contains(first) { return completePath(word) }
    if let option = previous.last {
      if option == "--cluster" { return Self.result(word: word, candidates: source.clusterNames()) }
      if Self.pathOptions.contains(option) { return completePath(word) }
      if Self.expressionWords.contains(option) || previous.contains("until") && !word.isEmpty {
        return Self.result(word: word, candidates: source.variableNames())
      }
    }
    let subcommands = source.subcommands(of: first)
    var path = [first]
    if previous.count >= 2, subcommands.contains(previous[1]) { path.append(previous[1]) }
    if word.hasPrefix("-") { return Self.result(word: word, candidates: source.flags(of: path)) }
    if previous.count == 1 && !subcommands.isEmpty {
      return Self.result(word: word, candidates: subcommands)
    }
    switch source.argumentKind(of: path) {
    case .none: return Self.result(word: word, candidates: [])
    case .nodes:
      // `partition node1,node2 node3`: each name of a comma-separated group completes.
      let head = word.lastIndex(of: ",").map { String(word[...$0]) } ?? ""
      return Self.result(word: word, candidates: source.nodeNames().map { head + $0 })
    case .clusters: return Self.result(word: word, candidates: source.clusterNames())
    case .paths: return completePath(word)
    case .words(let list): return Self.result(word: word, candidates: list)
    }
  }

  /// Splits the current statement (text after the last `{`, `}` or `;`) into words.
  ///
  /// The last element is the word under the cursor, empty after a space. Quoted text stays one word.
  static func statementWords(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quote: Character?
    for ch in line {
      if let open = quote {
        current.append(ch)
        if ch == open { quote = nil }
      } else if ch == "\"" || ch == "'" {
        quote = ch
        current.append(ch)
      } else if ch == "{" && current.hasSuffix("$") {
        // `${name}` is a variable, not a block.
        current.append(ch)
      } else if ch == "}" && current.contains("${") {
        current.append(ch)
      } else if ch == "{" || ch == "}" || ch == ";" {
        words = []
        current = ""
      } else if ch == " " || ch == "\t" {
        if !current.isEmpty { words.append(current) }
        current = ""
      } else {
        current.append(ch)
      }
    }
    words.append(current)
    return words
  }

  /// Builds the result for plain words: filter by prefix, sort, insert the common prefix.
  static func result(word: String, candidates: [String], closing: String = "") -> CompletionResult {
    let matches = Array(Set(candidates.filter { $0.hasPrefix(word) })).sorted()
    var insertion = String(commonPrefix(matches).dropFirst(word.count))
    if matches.count == 1 { insertion += closing.isEmpty ? " " : closing }
    return CompletionResult(word: word, matches: matches, insertion: insertion)
  }

  /// Completes a path; a leading quote is kept and closed after a unique file.
  func completePath(_ word: String) -> CompletionResult {
    let quote = word.first.flatMap { $0 == "\"" || $0 == "'" ? String($0) : nil } ?? ""
    let typed = String(word.dropFirst(quote.count))
    let slash = typed.lastIndex(of: "/")
    let directory = slash.map { String(typed[...$0]) } ?? ""
    let base = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
    let entries = listDirectory(directory).filter {
      $0.name.hasPrefix(base) && (base.hasPrefix(".") || !$0.name.hasPrefix("."))
    }
    let matches = Array(
      Set(entries.map { quote + directory + $0.name + ($0.isDirectory ? "/" : "") })
    )
    .sorted()
    var insertion = String(Self.commonPrefix(matches).dropFirst(word.count))
    // A directory invites more typing, so no space after it.
    if matches.count == 1, let only = matches.first, !only.hasSuffix("/") {
      insertion += quote + " "
    }
    return CompletionResult(word: word, matches: matches, insertion: insertion)
  }

  static func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first else { return "" }
    for word in words.dropFirst() {
      prefix = String(zip(prefix, word).prefix { $0 == $1 }.map(\.0))
    }
    return prefix
  }

  /// Lays matches out in columns for a terminal `width` wide, one string ending in a newline.
  static func listing(_ matches: [String], width: Int) -> String {
    guard let longest = matches.map(\.count).max() else { return "" }
    let columnWidth = longest + 2
    let perRow = max(1, width / columnWidth)
    let rows = (matches.count + perRow - 1) / perRow
    var out = ""
    for row in 0..<rows {
      var line = ""
      // Column-major order, like bash and ls.
      for column in 0..<perRow {
        let index = column * rows + row
        guard index < matches.count else { break }
        let item = matches[index]
        line += item + String(repeating: " ", count: columnWidth - item.count)
      }
      while line.last == " " { line.removeLast() }
      out += line + "\n"
    }
    return out
  }

  /// Lists `directory` (relative to the working directory, `~/` expanded) on the real file system.
  static let listFileSystem: DirectoryLister = { directory in
    let expanded = directory.isEmpty ? "." : NSString(string: directory).expandingTildeInPath
    let url = URL(fileURLWithPath: expanded, isDirectory: true)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return names.map { name in
      var isDirectory: ObjCBool = false
      let full = url.appendingPathComponent(name).path
      _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
      return PathEntry(name: name, isDirectory: isDirectory.boolValue)
    }
  }
}
