import Testing

@testable import CCMShell

/// A fixed vocabulary shaped like the command table: node commands, nodetool, create flags.
private struct FakeSource: CompletionSource {
  func statementWords() -> [String] {
    ["create", "for", "include", "let", "nodetool", "start", "status", "stop"]
  }
  func subcommands(of word: String) -> [String] {
    switch word {
    case "nodetool": ["ring", "status"]
    case let w where w.hasPrefix("node") || w.hasPrefix("$"):
      ["nodetool", "pause", "start", "stop"]
    default: []
    }
  }
  func flags(of commandPath: [String]) -> [String] {
    switch commandPath {
    case ["create"]: ["--image", "-n", "--no-start"]
    case ["node1", "nodetool"]: ["--host"]
    default: []
    }
  }
  func argumentKind(of commandPath: [String]) -> ArgumentKind {
    switch commandPath.first {
    case "start", "stop": .nodes
    case "switch": .clusters
    case "create": .words(["--image"])
    default: .none
    }
  }
  func clusterNames() -> [String] { ["alpha", "beta"] }
  func nodeNames() -> [String] { ["node1", "node2", "node3"] }
  func variableNames() -> [String] { ["victim", "rounds", "round"] }
}

private let files: DirectoryLister = { directory in
  switch directory {
  case "":
    [
      PathEntry(name: "scripts", isDirectory: true),
      PathEntry(name: "setup.ccm", isDirectory: false),
      PathEntry(name: ".hidden", isDirectory: false),
    ]
  case "scripts/":
    [
      PathEntry(name: "lib", isDirectory: true),
      PathEntry(name: "quickstart.ccm", isDirectory: false),
    ]
  default: []
  }
}

private func complete(_ line: String) -> CompletionResult {
  CompletionEngine(source: FakeSource(), listDirectory: files).complete(lineBeforeCursor: line)
}

@Suite struct CompletionEngineTests {
  @Test func statementStartOffersCommandsAndNodes() {
    let r = complete("st")
    #expect(r.word == "st")
    #expect(r.matches == ["start", "status", "stop"])
    #expect(r.insertion == "")
    #expect(r.shouldList)
  }

  @Test func commonPrefixIsInserted() {
    let r = complete("nod")
    #expect(r.matches == ["node1", "node2", "node3", "nodetool"])
    #expect(r.insertion == "e")
  }

  @Test func uniqueMatchGetsTrailingSpace() {
    #expect(complete("node2").insertion == " ")
    #expect(complete("cr").insertion == "eate ")
  }

  @Test func noMatchInsertsNothingAndDoesNotList() {
    let r = complete("xyz")
    #expect(r.matches.isEmpty)
    #expect(r.insertion == "")
    #expect(!r.shouldList)
  }

  @Test func nodeArgumentsAfterStop() {
    #expect(complete("stop ").matches == ["node1", "node2", "node3"])
    #expect(complete("stop node").shouldList)
    #expect(complete("stop node3").insertion == " ")
  }

  @Test func subcommandsAfterNodeAndNodetool() {
    #expect(complete("node1 p").insertion == "ause ")
    #expect(complete("nodetool r").insertion == "ing ")
    #expect(complete("$victim st").matches == ["start", "stop"])
  }

  @Test func flagsOfCommandAndSubcommand() {
    #expect(complete("create x -").matches == ["--image", "--no-start", "-n"])
    #expect(complete("create x --i").insertion == "mage ")
    #expect(complete("node1 nodetool --h").insertion == "ost ")
  }

  @Test func clusterAndWordArguments() {
    let source = FakeSource()
    #expect(
      CompletionEngine(source: source).complete(lineBeforeCursor: "switch b").insertion == "eta ")
    #expect(complete("create x --").matches == ["--image", "--no-start"])
  }

  @Test func variablesAnywhere() {
    #expect(complete("echo $v").insertion == "ictim ")
    #expect(complete("let x = $r").matches == ["$round", "$rounds"])
    #expect(complete("let x = $r").insertion == "ound")
  }

  @Test func statementAfterBraceOrSemicolon() {
    #expect(complete("for n in nodes { sto").insertion == "p ")
    #expect(complete("status; stop n").insertion == "ode")
  }

  @Test func pathsAfterIncludeAndRun() {
    #expect(complete("include ").matches == ["scripts/", "setup.ccm"])
    #expect(complete("include s").insertion == "")
    // A directory gets no trailing space, so typing can go on.
    #expect(complete("run sc").insertion == "ripts/")
    #expect(complete("run scripts/q").insertion == "uickstart.ccm ")
    #expect(complete("include scripts/").matches == ["scripts/lib/", "scripts/quickstart.ccm"])
  }

  @Test func quotedPathsAreClosed() {
    #expect(complete("include \"se").insertion == "tup.ccm\" ")
    #expect(complete("include \"sc").insertion == "ripts/")
  }

  @Test func hiddenFilesOnlyWhenAsked() {
    #expect(!complete("include ").matches.contains(".hidden"))
    #expect(complete("include .").matches == [".hidden"])
  }

  @Test func wordSplittingKeepsQuotes() {
    #expect(CompletionEngine.statementWords("echo \"a b\" c") == ["echo", "\"a b\"", "c"])
    #expect(CompletionEngine.statementWords("stop ") == ["stop", ""])
    #expect(CompletionEngine.statementWords("") == [""])
  }

  @Test func commonPrefixHandlesUnicode() {
    #expect(CompletionEngine.commonPrefix(["héllo", "hélp"]) == "hél")
    #expect(CompletionEngine.commonPrefix([]) == "")
  }

  @Test func listingIsColumnMajorAndFitsWidth() {
    let out = CompletionEngine.listing(["node1", "node2", "node3"], width: 80)
    #expect(out == "node1  node2  node3\n")
    let narrow = CompletionEngine.listing(["a", "b", "c", "d", "e"], width: 9)
    #expect(narrow == "a  c  e\nb  d\n")
    #expect(CompletionEngine.listing([], width: 80) == "")
  }
}
