/// scylla-ccm's balanced Murmur3 tokens for clusters without vnodes.
///
/// Node i of a DC with n nodes gets `i * (2^64 / n) - 2^63`, plus `100 * dcIndex` so DCs never
/// collide (`Cluster.balanced_tokens_across_dcs`).
enum TokenAllocation {
  /// Tokens in node order for the given per-DC node counts.
  static func balancedTokens(for count: NodeCount) -> [Int64] {
    var tokens: [Int64] = []
    for (dcIndex, nodes) in count.perDataCenter.enumerated() where nodes > 0 {
      let step = (Int128(1) << 64) / Int128(nodes)
      for index in 0..<nodes {
        let token = Int128(index) * step - (Int128(1) << 63) + Int128(100 * dcIndex)
        tokens.append(Int64(truncatingIfNeeded: token))
      }
    }
    return tokens
  }
}
