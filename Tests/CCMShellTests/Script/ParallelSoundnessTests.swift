import Foundation
import Testing

/// A fn that sets a global, called from 3,000 `parallel` branches, used to crash the process
/// (a data race on the scope). Through the built binary it must end with a message and an exit
/// code, never a signal: statically when the checker sees the call, at run time otherwise.
extension BinaryTests {
  static let globalFromBranchScript = """
    let counter = 0
    fn bump() {
      set counter = counter + 1
    }
    parallel for i in 1..3000 {
      bump
    }
    echo $counter

    """

  @Test(.enabled(if: runs, "ccmsh is not built; run `swift build --product ccmsh`"))
  func assigningAGlobalFromParallelBranchesIsRefusedNotACrash() throws {
    let directory = NSTemporaryDirectory() + "ccmsh-par-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let checked = directory + "/checked.ccm"
    try Self.globalFromBranchScript.write(toFile: checked, atomically: true, encoding: .utf8)
    let refused = try run(["run", checked], configDirectory: directory)
    #expect(refused.status == 65, "\(refused.stderr)")
    #expect(
      refused.stderr.contains(
        "cannot call 'bump' from a parallel branch: it assigns the global 'counter'"))

    // A fn named at run time: only the evaluator can see it, and it refuses the write.
    let computed = directory + "/computed.ccm"
    let script = Self.globalFromBranchScript.replacingOccurrences(
      of: "  bump\n", with: "  $name\n"
    ).replacingOccurrences(of: "let counter = 0\n", with: "let counter = 0\nlet name = \"bump\"\n")
    try script.write(toFile: computed, atomically: true, encoding: .utf8)
    for _ in 0..<3 {
      let failed = try run(["run", computed], configDirectory: directory)
      #expect(failed.status == 1, "\(failed.stderr)")
      #expect(
        failed.stderr.contains("cannot assign to 'counter' from a parallel branch (in fn 'bump')"),
        "\(failed.stderr)")
    }
  }
}
