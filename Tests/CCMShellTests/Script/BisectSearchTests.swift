import Testing

@testable import CCMShell

/// The order of `bisect`'s tries and what they conclude, without running anything.
@Suite struct BisectSearchTests {
  /// Runs the search against `verdicts` (by index); returns the tried indices and the answer.
  func search(_ verdicts: [BisectSearch.Verdict]) -> ([Int], BisectSearch.Answer) {
    var search = BisectSearch(count: verdicts.count)
    var tried: [Int] = []
    while let next = search.next() {
      #expect(!tried.contains(next), "tried twice")
      tried.append(next)
      search.record(verdicts[next], for: next)
    }
    return (tried, search.answer)
  }

  @Test(arguments: 2...40)
  func everyFirstFailingIsFoundWithinTheBound(_ count: Int) {
    let bound = Self.ceilLog2(count) + 1
    for first in 0..<count {
      let verdicts = (0..<count).map { $0 < first ? BisectSearch.Verdict.passed : .failed }
      let (tried, answer) = search(verdicts)
      #expect(answer == .firstFailing(first, lastPassing: first == 0 ? nil : first - 1))
      #expect(tried.count <= bound, "\(count) candidates, first failing \(first): \(tried)")
      #expect(tried.first == count - 1, "the newest first")
    }
  }

  @Test func aPassingNewestEndsAtOnce() {
    let (tried, answer) = search([.passed, .passed, .passed])
    #expect(tried == [2])
    #expect(answer == .nonefails)
  }

  @Test func aSkippedCandidateIsSteppedAround() {
    let (tried, answer) = search([.passed, .skipped, .passed, .failed])
    #expect(tried == [3, 1, 0, 2])
    #expect(answer == .firstFailing(3, lastPassing: 2))
  }

  @Test func skipsNextToTheFirstFailingLeaveARange() {
    let (_, answer) = search([.passed, .skipped, .failed])
    #expect(answer == .oneOf([1, 2], lastPassing: 0))
    let (_, all) = search([.skipped, .skipped])
    #expect(all == .allSkipped)
  }

  @Test func versionRanges() throws {
    let (low, high) = try BisectCommand.range("2025.1..2025.4")
    #expect(BisectCommand.within([2025, 4, 2], low, high))
    #expect(BisectCommand.within([2025, 1], low, high))
    #expect(!BisectCommand.within([2026, 1], low, high))
    #expect(!BisectCommand.within([2024, 2], low, high))
    #expect(BisectCommand.numbers("2026.1-crash") == [2026, 1])
    #expect(BisectCommand.numbers("latest") == nil)
    #expect(throws: (any Error).self) { try BisectCommand.range("2025.4..2025.1") }
    #expect(throws: (any Error).self) { try BisectCommand.range("2025.4") }
  }

  static func ceilLog2(_ n: Int) -> Int {
    var bits = 0
    while (1 << bits) < n { bits += 1 }
    return bits
  }
}
