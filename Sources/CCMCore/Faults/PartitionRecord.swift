import Foundation

/// One node taken off the cluster network, with what is needed to put it back.
public struct PartitionMember: Codable, Sendable, Hashable {
  public var node: String
  var container: String
  /// Its address on the network before the cut; `heal` reconnects with the same one, since
  /// the other nodes know it by that address (seeds, gossip).
  var address: String?
  /// Its fixed MAC, given back at `heal` on engines that would pick a new one (podman).
  var macAddress: String?

  init(node: String, container: String, address: String?, macAddress: String? = nil) {
    self.node = node
    self.container = container
    self.address = address
    self.macAddress = macAddress
  }
}

/// What `partition` did, kept in `<cluster>/partition.json` so that `heal` works from another
/// ccmsh process (a script's next command, a new shell).
public struct PartitionRecord: Codable, Sendable, Hashable {
  var network: String
  /// The groups as given, node names.
  var groups: [[String]]
  /// The nodes that were disconnected.
  public var isolated: [PartitionMember]

  init(network: String, groups: [[String]], isolated: [PartitionMember]) {
    self.network = network
    self.groups = groups
    self.isolated = isolated
  }

  static let fileName = "partition.json"

  /// Whether `node` is cut off from the cluster network.
  func isolates(_ node: String) -> Bool { isolated.contains { $0.node == node } }

  /// The record in `clusterDirectory`, or nil when the cluster is not partitioned.
  static func load(clusterDirectory: String) throws(CCMError) -> PartitionRecord? {
    let path = clusterDirectory + "/" + fileName
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    do {
      return try JSONDecoder().decode(PartitionRecord.self, from: data)
    } catch {
      throw .invalidState(file: path, problem: "unreadable partition record (\(error))")
    }
  }

  func save(clusterDirectory: String) throws(CCMError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    guard let data = try? encoder.encode(self) else { return }
    try AtomicFile.write(
      String(decoding: data, as: UTF8.self) + "\n", to: clusterDirectory + "/" + Self.fileName)
  }

  static func remove(clusterDirectory: String) {
    try? FileManager.default.removeItem(atPath: clusterDirectory + "/" + fileName)
  }
}
