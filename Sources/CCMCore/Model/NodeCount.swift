/// The `-n` argument of `create`/`populate`: `3` (one data center) or `2:1` (nodes per DC).
public struct NodeCount: Sendable, Equatable {
  /// Nodes per data center, in DC order (`dc1`, `dc2`, ...).
  let perDataCenter: [Int]

  init(perDataCenter: [Int]) { self.perDataCenter = perDataCenter }

  /// Parses `N` or `N:M:...`: whole numbers, at least one node in all.
  ///
  /// A data center may have none (`-n 1:0`, as the drivers' harnesses create a second DC to add
  /// nodes to later).
  public init(parsing text: String) throws(CCMError) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    let counts = parts.compactMap { Int($0) }.filter { $0 >= 0 }
    guard !parts.isEmpty, counts.count == parts.count, counts.reduce(0, +) > 0 else {
      throw .malformedNodeCount(text)
    }
    perDataCenter = counts
  }

  /// Total number of nodes.
  var total: Int { perDataCenter.reduce(0, +) }

  /// Whether more than one data center was asked for (ccm then uses a DC-aware snitch).
  var isMultiDataCenter: Bool { perDataCenter.count > 1 }
}
