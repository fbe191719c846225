/// The order `bisect` tries candidates in (oldest first), as `git bisect` does across commits.
///
/// The newest candidate is tried first: it must fail, or there is nothing to look for. Then the
/// first failing one is searched between the last known passing and the first known failing,
/// each try halving what is left, so N candidates take at most ⌈log2 N⌉ + 1 runs when none is
/// skipped. A skipped candidate (exit 125, infrastructure) says nothing: the next try is its
/// nearest untried neighbour, and the answer may end up a range.
struct BisectSearch: Sendable {
  enum Verdict: Sendable, Hashable {
    case passed
    case failed
    case skipped
  }

  /// What the tries showed.
  enum Answer: Sendable, Hashable {
    /// The first failing candidate, and the last passing one before it (nil: none passed).
    case firstFailing(Int, lastPassing: Int?)
    /// The first failing one is one of these (skips hid which).
    case oneOf([Int], lastPassing: Int?)
    /// Every candidate tried passed (skipped ones aside).
    case nonefails
    /// Every candidate was skipped.
    case allSkipped
  }

  let count: Int
  private(set) var verdicts: [Int: Verdict] = [:]

  init(count: Int) { self.count = count }

  mutating func record(_ verdict: Verdict, for index: Int) { verdicts[index] = verdict }

  /// The lowest candidate known to fail.
  private var firstKnownFailing: Int? {
    verdicts.filter { $0.value == .failed }.keys.min()
  }

  /// The highest candidate known to pass below `limit`.
  private func lastKnownPassing(below limit: Int) -> Int? {
    verdicts.filter { $0.value == .passed && $0.key < limit }.keys.max()
  }

  /// The next candidate to run; nil when the tries so far give the answer.
  func next() -> Int? {
    guard let failing = firstKnownFailing else {
      // Looking for a failing newest: the highest candidate not tried, unless a passing one is
      // already above every untried one.
      let passedAbove = verdicts.filter { $0.value == .passed }.keys.max() ?? -1
      return (0..<count).reversed().first { verdicts[$0] == nil && $0 > passedAbove }
    }
    let passing = lastKnownPassing(below: failing) ?? -1
    let open = ((passing + 1)..<failing).filter { verdicts[$0] == nil }
    guard !open.isEmpty else { return nil }
    return open[(open.count - 1) / 2]
  }

  var answer: Answer {
    guard let failing = firstKnownFailing else {
      return verdicts.values.contains(.passed) ? .nonefails : .allSkipped
    }
    let passing = lastKnownPassing(below: failing)
    let skipped = ((passing ?? -1) + 1..<failing).filter { verdicts[$0] == .skipped }
    return skipped.isEmpty
      ? .firstFailing(failing, lastPassing: passing)
      : .oneOf(skipped + [failing], lastPassing: passing)
  }
}
