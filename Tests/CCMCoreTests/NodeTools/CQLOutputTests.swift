import Foundation
import Testing

@testable import CCMCore

/// cqlsh's tabular output into rows, and how statements reach cqlsh.
@Suite struct CQLOutputTests {
  @Test func parsesATable() throws {
    let text = """

       key | value | note
      -----+-------+------
         a |     1 |
         b |    22 | x y

      (2 rows)

      """
    let tables = CQLOutput.tables(text)
    try #require(tables.count == 1)
    #expect(tables[0].columns == ["key", "value", "note"])
    #expect(tables[0].rows == [["a", "1", ""], ["b", "22", "x y"]])
    #expect(tables[0].records[1]["note"] == "x y")
  }

  @Test func parsesSeveralTablesAndEmptyOnes() {
    let text = "\n k | v\n---+---\n a | 1\n\n(1 rows)\n\n n\n---\n\n(0 rows)\n"
    let tables = CQLOutput.tables(text)
    #expect(tables.map(\.columns) == [["k", "v"], ["n"]])
    #expect(tables.map(\.rows.count) == [1, 0])
  }

  @Test func noTableInOtherOutput() {
    #expect(CQLOutput.tables("Warnings :\nsomething -- else\n").isEmpty)
  }

  @Test func splitsStatementsAsScyllaCCMDoes() {
    #expect(
      CQLShell.script(statements: "CREATE KEYSPACE k; USE k ;; SELECT 1")
        == "CREATE KEYSPACE k;\nUSE k;\nSELECT 1;\n")
  }

  @Test func readsAHostFile() throws {
    let path = NSTemporaryDirectory() + "ccmsh-cql-\(UUID().uuidString).cql"
    try "SELECT 1;\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(try CQLShell.script(.file(path)) == "SELECT 1;\n")
    #expect(throws: CCMError.self) { try CQLShell.script(.file(path + ".missing")) }
  }

  @Test func bigScriptsArePipedWithQuit() {
    #expect(CQLShell.request(script: "SELECT 1;\n") == (["-e", "SELECT 1;\n"], nil))
    // cqlsh's own -e (what `ccm node1 cqlsh -e "…"` passes) is recognised in every spelling.
    for given in [["-e", "S"], ["--execute", "S"], ["--execute=S"], ["-k", "ks", "-e", "S"]] {
      #expect(CQLShell.executesInArguments(given), "\(given)")
    }
    #expect(!CQLShell.executesInArguments(["--ssl", "-k", "ks"]))
    #expect((try? CQLShell.script(.inArguments))?.isEmpty == true)
    let big = String(repeating: "SELECT 1;\n", count: 10_000)
    let piped = CQLShell.request(script: big)
    #expect(piped.arguments.isEmpty)
    #expect(piped.standardInput == big + "quit;\n")
  }
}
