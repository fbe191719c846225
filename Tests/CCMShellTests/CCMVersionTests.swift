import Testing

@testable import CCMShell

/// `ccmsh --version`: the one version the binary and the Python wheel share.
@Suite struct CCMVersionTests {
  @Test func versionFlagPrintsTheVersionAndNothingElse() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let run = await cli.run("--version")
    #expect(run.status == .ok)
    #expect(run.stdout == CCMVersion.line + "\n")
    #expect(run.stderr.isEmpty)
  }

  @Test func createsVersionOptionIsStillCreates() {
    // Only the bare root word is ccmsh's version; `create -v/--version VERSION` keeps its value.
    #expect(CommandTable.usageProblem(["create", "c", "--version", "release:2025.1"]) == nil)
    #expect(CommandTable.usageProblem(["status", "--version"]) != nil)
  }

  @Test func versionIsDottedNumbers() {
    // scripts/build-wheel takes it as the wheel's version, which must be a PEP 440 release.
    let parts = CCMVersion.current.split(separator: ".")
    #expect(parts.count == 3)
    #expect(parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) })
  }
}
