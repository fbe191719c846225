/// A link fault as words, the same in the CLI, the REPL and a script.
///
/// For example `fault loss 20% from node1 to node3`. The forms:
///
///     partition SET SET...                    cut between the sets, each set whole
///     cut from SET to SET                     one way: SET's packets to SET dropped
///     loss PCT from SET to SET [both]         PCT% dropped at random (both: each way)
///     rate RATE from SET to SET               the traffic limited to RATE (kbit, mbit, gbit)
///     latency MS [jitter MS] from SET to SET [both]   delay (where the kernel has netem)
///
/// A SET is comma-separated node, data-center or rack names.
public struct LinkFaultSpec: Sendable, Hashable {
  public var effect: LinkEffect
  /// For partition: the groups; otherwise `[from, to]`.
  public var sets: [String]
  public var bothWays: Bool
  public var words: [String]

  public static let usage =
    "partition SET SET... | cut from SET to SET | loss PCT from SET to SET [both] | "
    + "rate RATE from SET to SET | latency MS [jitter MS] from SET to SET [both]"

  public static func parse(_ words: [String]) throws(CCMError) -> LinkFaultSpec {
    guard let kind = words.first else { throw .invalidArgument("fault: expected " + usage) }
    var rest = Array(words.dropFirst())
    if kind == "partition" {
      guard rest.count >= 2 else {
        throw .invalidArgument(
          "partition needs at least two sets of nodes (e.g. node1,node2 node3)")
      }
      return LinkFaultSpec(effect: .drop, sets: rest, bothWays: true, words: words)
    }
    let both = rest.last == "both"
    if both { rest.removeLast() }
    guard rest.count >= 4, rest[rest.count - 4] == "from", rest[rest.count - 2] == "to" else {
      throw .invalidArgument("\(kind): expected '... from SET to SET'")
    }
    let sets = [rest[rest.count - 3], rest[rest.count - 1]]
    let arguments = Array(rest.dropLast(4))
    let effect: LinkEffect
    switch kind {
    case "cut":
      guard arguments.isEmpty, !both else {
        throw .invalidArgument("cut: expected 'cut from SET to SET' (a partition cuts both ways)")
      }
      effect = .drop
    case "loss":
      guard arguments.count == 1 else {
        throw .invalidArgument("loss: expected 'loss PCT from SET to SET'")
      }
      effect = .loss(fraction: try percent(arguments[0]))
    case "rate":
      guard arguments.count == 1, !both else {
        throw .invalidArgument("rate: expected 'rate RATE from SET to SET'")
      }
      effect = .rate(bitsPerSecond: try rate(arguments[0]))
    case "latency":
      var jitter = 0
      if arguments.count == 3, arguments[1] == "jitter" {
        jitter = try milliseconds(arguments[2])
      } else if arguments.count != 1 {
        throw .invalidArgument("latency: expected 'latency MS [jitter MS] from SET to SET'")
      }
      effect = .delay(milliseconds: try milliseconds(arguments[0]), jitterMilliseconds: jitter)
    default:
      throw .invalidArgument("fault: unknown kind '\(kind)'; expected " + usage)
    }
    return LinkFaultSpec(effect: effect, sets: sets, bothWays: both, words: words)
  }

  /// `20%` or `20` → 0.2; 0 < PCT < 100.
  static func percent(_ word: String) throws(CCMError) -> Double {
    let digits = word.hasSuffix("%") ? String(word.dropLast()) : word
    guard let value = Double(digits), value > 0, value < 100 else {
      throw .invalidArgument("loss: '\(word)' is not a percentage between 0 and 100 (e.g. 20%)")
    }
    return value / 100
  }

  /// `8mbit`, `500kbit`, `1gbit`, `64000bit` → bits per second.
  static func rate(_ word: String) throws(CCMError) -> UInt64 {
    let units: [(String, UInt64)] = [
      ("gbit", 1_000_000_000), ("mbit", 1_000_000), ("kbit", 1_000), ("bit", 1),
    ]
    for (suffix, scale) in units where word.lowercased().hasSuffix(suffix) {
      if let value = Double(word.dropLast(suffix.count)), value > 0,
        value * Double(scale) >= 8_000, value * Double(scale) < 1e12
      {
        return UInt64(value * Double(scale))
      }
    }
    throw .invalidArgument(
      "rate: '\(word)' is not a rate of at least 8kbit (e.g. 8mbit, 500kbit, 1gbit)")
  }

  /// `100ms` or `100` → 100.
  static func milliseconds(_ word: String) throws(CCMError) -> Int {
    let digits = word.hasSuffix("ms") ? String(word.dropLast(2)) : word
    guard let value = Int(digits), value >= 0, value <= 60_000 else {
      throw .invalidArgument("latency: '\(word)' is not a delay in milliseconds (e.g. 100ms)")
    }
    return value
  }
}

extension LinkFaults {
  /// Sets the fault `spec` describes; node sets are resolved against the cluster.
  public func add(_ spec: LinkFaultSpec, owner: Int32? = nil) async throws -> LinkFault {
    let groups = try spec.sets.map { word throws(CCMError) in try nodeSet(word) }
    var seen: Set<String> = []
    for node in groups.joined() where !seen.insert(node).inserted {
      throw CCMError.invalidArgument("\(spec.words[0]): '\(node)' is in more than one set")
    }
    var links: [Link] = []
    for (i, sources) in groups.enumerated() {
      for (j, targets) in groups.enumerated() where i != j && (spec.bothWays || i < j) {
        for from in sources { for to in targets { links.append(Link(from: from, to: to)) } }
      }
    }
    return try await add(
      spec.effect, links: links, summary: spec.words.joined(separator: " "), owner: owner)
  }
}
