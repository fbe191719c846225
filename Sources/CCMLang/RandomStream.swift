import Foundation
import Synchronization

/// The seed of a run's random choices: printed at the start of `ccmsh run` and in every failure
/// report, and given back with `--seed N` (or `CCMSH_SEED`) to make the same choices again.
public struct ScriptSeed: Sendable, Equatable, CustomStringConvertible {
  public let value: UInt64

  public init(_ value: UInt64) { self.value = value }

  /// A fresh seed from the system's generator, for a run that names none.
  public static func fresh() -> ScriptSeed {
    // Kept below 2^53 so it survives a trip through a JSON number or a spreadsheet.
    ScriptSeed(UInt64.random(in: 1...(1 << 53)))
  }

  /// `--seed 42` / `CCMSH_SEED=42`: a decimal number; anything else is nil (a usage error).
  public init?(parsing text: String) {
    guard let value = UInt64(text.trimmingCharacters(in: .whitespaces)) else { return nil }
    self.value = value
  }

  /// The environment variable that gives the seed when `--seed` does not.
  public static let environmentVariable = "CCMSH_SEED"

  public var description: String { String(value) }
}

/// One stream of random numbers, owned by a script run (or a `parallel` branch of it).
///
/// The algorithm is SplitMix64, written out here so a seed gives the same choices on every
/// platform and Swift release (the standard library's generators are not seedable, and its
/// `random(in:using:)` may change how it consumes a generator). A `parallel` statement draws
/// one number from its stream and gives branch *i* a stream seeded from that number and *i*, so
/// what a branch draws does not depend on how the branches interleave.
final class RandomStream: Sendable {
  private let state: Mutex<UInt64>

  init(seed: UInt64) { state = Mutex(seed) }

  func next() -> UInt64 {
    state.withLock { state in
      state &+= 0x9E37_79B9_7F4A_7C15
      return Self.mix(state)
    }
  }

  /// A uniform integer in `range` (rejection sampling: no modulo bias).
  func integer(in range: ClosedRange<Int>) -> Int {
    let span = UInt64(bitPattern: Int64(range.upperBound) &- Int64(range.lowerBound)) &+ 1
    guard span != 0 else { return Int(truncatingIfNeeded: next()) }
    let limit = UInt64.max - UInt64.max % span
    var draw = next()
    while draw >= limit { draw = next() }
    return range.lowerBound &+ Int(truncatingIfNeeded: draw % span)
  }

  /// A uniform fraction in [0, 1) with 53 bits.
  func fraction() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

  /// Fisher–Yates with this stream's draws.
  func shuffled<T>(_ items: [T]) -> [T] {
    var items = items
    guard items.count > 1 else { return items }
    for index in stride(from: items.count - 1, to: 0, by: -1) {
      items.swapAt(index, integer(in: 0...index))
    }
    return items
  }

  /// The streams of `count` parallel branches: one draw from this stream, then one stream per
  /// branch index.
  func branches(_ count: Int) -> [RandomStream] {
    let base = next()
    return (0..<count).map { index in
      RandomStream(seed: Self.mix(base ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03)))
    }
  }

  private static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// One random choice a script made: where, which function, what it gave.
///
/// Kept in the outcome so a failure report, a step log and a replay can show the choices.
public struct RandomDraw: Sendable, Equatable, CustomStringConvertible {
  /// `file:line`.
  public let location: String
  /// The `parallel` branch label, nil outside one.
  public let branch: String?
  public let function: String
  public let value: String

  public var description: String {
    let label = branch.map { " [\($0)]" } ?? ""
    return "\(location)\(label): \(function) → \(value)"
  }
}
