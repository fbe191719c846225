import CCMLang
import Foundation
import Testing

@testable import CCMShell

/// `ccmsh check` (and the check before `run`) holds command lines against the command table
/// and `fn` calls against their declarations, without running anything.
@Suite struct CommandLintTests {
  @Test func checkReportsTyposOfCommandsFlagsAndArity() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let typo = try cli.script(
      "typo.ccm",
      """
      create nux -n 1
      statsu
      node1 nodetol status
      start --wait-for-binry-proto
      fn f(a) { echo $a }
      f 1 2
      let t = 5
      start --timeout $t --wait-for-binry-proto
      node1 nodetool status
      node1 exec -- ls --whatever
      start --timeout $t
      help fn

      """)
    let run = await cli.run(arguments: ["check", typo])
    #expect(run.status == .invalidScript)
    #expect(run.stderr.contains("typo.ccm:2:1: error: unknown command 'statsu'"), "\(run.stderr)")
    #expect(run.stderr.contains("note: did you mean 'status'?"))
    #expect(run.stderr.contains("typo.ccm:3:7: error: 'nodetol' is not a node command"))
    #expect(run.stderr.contains("note: did you mean 'nodetool'?"))
    #expect(
      run.stderr.contains(
        "typo.ccm:4:7: error: Unknown option '--wait-for-binry-proto'. Did you mean '--wait-for-binary-proto'?"
      ))
    #expect(run.stderr.contains("typo.ccm:6:1: error: 'f' takes 1 argument(s), got 2"))
    // With a word known only at run time, a literal unknown flag is still certain.
    #expect(run.stderr.contains("typo.ccm:8:20: error: Unknown option '--wait-for-binry-proto'"))
    #expect(run.stderr.components(separatedBy: ": error: ").count - 1 == 5, "\(run.stderr)")
    #expect(!cli.exists("nux"))
    // `run` checks the same way first: nothing was created.
    #expect(await cli.run(arguments: ["run", typo]).status == .invalidScript)
    #expect(!cli.exists("nux"))
  }

  /// N17, N4, C9: a malformed node count, `save` outside the REPL and a first word that is no
  /// command (with nothing near a node command after it) are found before anything runs.
  @Test func checkFindsNodeCountsSaveAndUnknownFirstWords() {
    let lint = CommandLint()
    #expect(lint.problem(in: ["create", "nuy", "-n", "abc"])?.message.contains("abc") == true)
    #expect(lint.problem(in: ["create", "nuy", "-n", nil]) == nil)
    #expect(
      lint.problem(in: ["save", "x.ccm"])?.message
        == "'save' works only at the interactive prompt (ccmsh>)")
    let printf = lint.problem(in: ["printf", "x"])
    #expect(printf?.message == "unknown command 'printf'")
    #expect(printf?.word == 0)
    #expect(
      printf?.notes.first?.hasPrefix("if 'printf' is a node, 'x' is not a node command") == true)
    #expect(
      lint.problem(in: ["node1", "nodetol", "status"])?.message == "'nodetol' is not a node command"
    )
  }

  @Test func lintAcceptsWhatTheTableAccepts() {
    let lint = CommandLint()
    for line in [
      ["create", "c", "-n", "3", "--docker-image", "img"], ["node2", "stop", "--not-gently"],
      ["--config-dir", "/tmp/x", "list"], ["node1", "cqlsh", "-x", "SELECT 1"], ["help", "fn"],
      ["status", nil], ["node1", "kill", "9"], ["run", "other.ccm", "n=3"],
      // scylla-ccm's nodetool shortcuts run as `node1 nodetool flush`, so they check alike.
      ["node1", "flush"], ["node1", "repair", "ks"], ["node1", "versionfrombuild"],
    ] as [[String?]] {
      #expect(lint.problem(in: line) == nil, "\(line)")
    }
    #expect(lint.problem(in: [nil, "nodetol"]) == nil)  // a run-time node name may be anything
    #expect(lint.problem(in: ["node1", "kill", "BOGUS"])?.message.contains("KILL, TERM") == true)
    // A node named as a shortcut would read as the shortcut: `ccmsh ring ring`.
    #expect(CommandTable.reservedWords.isSuperset(of: ["ring", "drain", "versionfrombuild"]))
  }
}
