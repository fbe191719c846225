import CCMLang
import Foundation
import Testing

@Suite struct ParallelTests {
  @Test func branchOutputIsPrefixed() async {
    let harness = Harness()
    let outcome = await harness.run(
      """
      parallel {
        echo a
        { print b1; print b2 }
      }
      parallel for n in ["node1", "node2"] { echo up $n }
      echo after
      """)
    #expect(outcome.status == .passed)
    let lines = harness.output.lines
    #expect(Set(lines.prefix(3)) == ["[1] a", "[2] b1", "[2] b2"])
    #expect(lines.firstIndex(of: "[2] b1") ?? 0 < lines.firstIndex(of: "[2] b2") ?? 0)
    #expect(Set(lines[3..<5]) == ["[node1] up node1", "[node2] up node2"])
    #expect(lines.last == "after")
  }

  @Test func firstFailureCancelsSiblings() async {
    let harness = Harness()
    let started = ContinuousClock.now
    let outcome = await harness.run(
      """
      parallel {
        hang
        { sleep 1s; fail boom }
        hang
      }
      echo unreachable
      """)
    #expect(outcome.status == .failed)
    #expect(outcome.failures.map(\.message) == ["boom"])
    #expect(harness.output.lines.isEmpty)
    #expect(ContinuousClock.now - started < .seconds(5))
  }

  @Test func failedExpectDoesNotCancel() async {
    let harness = Harness()
    let outcome = await harness.run(
      """
      parallel for i in 1..3 {
        expect i != 2, "branch $i"
        echo done $i
      }
      """)
    #expect(outcome.failures.map(\.message) == ["branch 2"])
    #expect(Set(harness.output.lines) == ["[1] done 1", "[2] done 2", "[3] done 3"])
  }

  @Test func assigningAnOuterVariableIsAStaticError() {
    let (expected, found, _) = diagnose(
      """
      let total = 0
      parallel {
        1️⃣set total = 1
        { let mine = 2; set mine = 3 }
      }
      parallel for i in 1..2 { 2️⃣set total = i }
      for i in 1..2 { parallel { 3️⃣break } }
      """)
    #expect(found.map(\.offset) == [expected["1️⃣"], expected["2️⃣"], expected["3️⃣"]])
    #expect(
      found.first?.message
        == "cannot assign to 'total' from inside a parallel branch: it is declared outside")
    #expect(found.last?.message == "'break' cannot leave a parallel branch")
  }

  @Test func hostSeesTheBranchLabel() async {
    let labels = LabelLog()
    let host = FakeHost { _, context in
      labels.add(context.branch ?? "-")
      return CommandResult()
    }
    _ = await Harness(host: host).run("node0 x\nparallel for n in 1..2 { node$n x }")
    #expect(labels.values.sorted() == ["-", "1", "2"])
  }
}

final class LabelLog: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [String] = []
  func add(_ label: String) { lock.withLock { stored.append(label) } }
  var values: [String] { lock.withLock { stored } }

  /// N6: a failure in a `parallel for` says which iteration it came from.
  @Test func aFailureInAParallelForNamesItsIteration() async {
    let outcome = await Harness().run(
      "parallel for n in [\"node1\", \"node2\"] {\n  assert n != \"node2\"\n}")
    #expect(outcome.failures.first?.notes.last == "in parallel for iteration n = \"node2\"")
  }
}
