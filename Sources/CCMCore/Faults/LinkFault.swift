import Foundation

/// What a link fault does to the packets of one direction (source node → destination node).
public enum LinkEffect: Codable, Sendable, Hashable, CustomStringConvertible {
  /// Every packet dropped (a cut; both directions make a partition).
  case drop
  /// A fraction (0 < p < 1) of the packets dropped at random (iptables `statistic`).
  case loss(fraction: Double)
  /// The traffic limited to a rate (an htb class of ccmsh's own).
  case rate(bitsPerSecond: UInt64)
  /// Every packet delayed, with an optional jitter (netem, where the kernel has it).
  case delay(milliseconds: Int, jitterMilliseconds: Int)

  public var description: String {
    switch self {
    case .drop: "drop"
    case .loss(let fraction): "loss \(LinkEffect.percent(fraction))"
    case .rate(let bits): "rate \(bits)bit"
    case .delay(let ms, let jitter): jitter == 0 ? "delay \(ms)ms" : "delay \(ms)ms±\(jitter)ms"
    }
  }

  static func percent(_ fraction: Double) -> String {
    let value = fraction * 100
    return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
  }

  /// Whether it is a queueing discipline's job (tc) rather than a packet filter's (iptables).
  var isShaping: Bool {
    switch self {
    case .drop, .loss: false
    case .rate, .delay: true
    }
  }
}

/// One direction of a fault: packets from `from` to `to` (node names).
public struct Link: Codable, Sendable, Hashable {
  public var from: String
  public var to: String
}

/// One fault as `faults` lists it and `heal ID` removes it.
public struct LinkFault: Codable, Sendable, Hashable {
  /// `f1`, `f2`, ...: unique within the cluster while the record lives.
  public var id: String
  public var effect: LinkEffect
  /// What the user asked (for `faults`): `partition node1,node2 node3,node4`.
  public var summary: String
  public var links: [Link]
  /// The process that owns a scoped fault; nil for one that lives until `heal`.
  ///
  /// A scoped fault whose owner is gone (kill -9) is removed by the next command.
  public var owner: Int32?

  /// The nodes the fault touches, each once, in order of appearance.
  public var nodes: [String] {
    var seen: Set<String> = []
    return links.flatMap { [$0.from, $0.to] }.filter { seen.insert($0).inserted }
  }
}

/// The cluster's link faults, kept in `<cluster>/faults.json` so that `heal`, `faults` and a
/// node's next start work from another ccmsh process.
///
/// It is saved before any rule is written and after every rule is gone, so a failure (or a
/// kill) half-way leaves a record that still names everything that may be in a namespace.
public struct LinkFaultRecord: Codable, Sendable, Hashable {
  public var faults: [LinkFault] = []
  /// The number of the next id; ids are not reused while the record lives.
  var nextNumber = 1

  static let fileName = "faults.json"

  public init() {}

  static func load(clusterDirectory: String) throws(CCMError) -> LinkFaultRecord {
    let path = clusterDirectory + "/" + fileName
    guard let data = FileManager.default.contents(atPath: path) else { return LinkFaultRecord() }
    do {
      return try JSONDecoder().decode(LinkFaultRecord.self, from: data)
    } catch {
      throw .invalidState(file: path, problem: "unreadable fault record (\(error))")
    }
  }

  func save(clusterDirectory: String) throws(CCMError) {
    let path = clusterDirectory + "/" + Self.fileName
    if faults.isEmpty {
      try? FileManager.default.removeItem(atPath: path)
      return
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    guard let data = try? encoder.encode(self) else { return }
    try AtomicFile.write(String(decoding: data, as: UTF8.self) + "\n", to: path)
  }

  /// Adds `fault` under a fresh id and returns that id.
  mutating func add(_ effect: LinkEffect, links: [Link], summary: String, owner: Int32?)
    -> String
  {
    let id = "f\(nextNumber)"
    nextNumber += 1
    faults.append(
      LinkFault(id: id, effect: effect, summary: summary, links: links, owner: owner))
    return id
  }

  /// Every direction of every fault arriving at `node`, with the node it comes from.
  func incoming(to node: String) -> [(fault: LinkFault, from: String)] {
    faults.flatMap { fault in
      fault.links.filter { $0.to == node }.map { (fault, $0.from) }
    }
  }

  /// Every direction of every fault leaving `node`, with its effect.
  func outgoing(from node: String) -> [(fault: LinkFault, to: String)] {
    faults.flatMap { fault in
      fault.links.filter { $0.from == node }.map { (fault, $0.to) }
    }
  }
}
