/// Network faults for scenarios: cut the cluster into groups that cannot reach each other, and
/// heal it again.
///
/// How: the engines isolate by network membership, so the largest group (the first on a tie)
/// stays on the cluster network and every node of the other groups is disconnected from it.
/// Nodes of a cut-off group cannot reach each other either: they address each other by their
/// cluster-network IPs, which cannot live on a second network (engines refuse overlapping
/// subnets). Nodes named in no group stay with the largest group. Pause, kill and a not-gentle
/// stop are the node commands' own faults.
public struct NetworkFaults: Sendable {
  let client: any ContainerClient
  let network: String
  /// Where the partition record lives.
  let clusterDirectory: String
  /// The engine of each node that has its own (`ccmsh_engine`).
  ///
  /// The others are on `client`'s. A node is disconnected and reconnected on its own engine.
  let placement: [String: EngineEndpoint]

  init(
    client: any ContainerClient, network: String, clusterDirectory: String,
    placement: [String: EngineEndpoint] = [:]
  ) {
    self.client = client
    self.network = network
    self.clusterDirectory = clusterDirectory
    self.placement = placement
  }

  /// The containers of `nodes` (node name → container), one `inspect` per engine.
  private func inspect(_ nodes: [(node: String, container: String)]) async throws
    -> [String: ContainerInfo]
  {
    var result: [String: ContainerInfo] = [:]
    for group in EngineClients.grouped(nodes, by: { placement[$0.node] }) {
      let infos = try await engines.client(for: group.engine).inspect(group.items.map(\.container))
      for (node, container) in group.items {
        result[node] = infos.first {
          $0.name == container || $0.name == "/" + container || $0.id.hasPrefix(container)
        }
      }
    }
    return result
  }

  private var engines: EngineClients { EngineClients(base: client) }

  private func client(of node: String) -> any ContainerClient {
    engines.client(for: placement[node])
  }

  /// Parses `node1,node2 node3` into groups; each node must be in `known` and in one group only.
  public static func groups(_ words: [String], known: [String]) throws(CCMError) -> [[String]] {
    let groups = words.map { word in
      word.split(separator: ",").map(String.init).filter { !$0.isEmpty }
    }
    guard groups.count >= 2, groups.allSatisfy({ !$0.isEmpty }) else {
      throw .invalidArgument(
        "partition needs at least two non-empty groups of nodes (e.g. node1,node2 node3)")
    }
    var seen: Set<String> = []
    for node in groups.joined() {
      guard known.contains(node) else {
        throw .invalidArgument("partition: no node '\(node)' in the cluster")
      }
      guard seen.insert(node).inserted else {
        throw .invalidArgument("partition: '\(node)' is in more than one group")
      }
    }
    return groups
  }

  /// Cuts the network between `groups` (node names; `containers` maps each to its container,
  /// `fixed` to its fixed address and MAC when it has them).
  ///
  /// An earlier partition is healed first. The record is saved before any disconnect, so a
  /// failure half-way still leaves `heal` able to undo what was done. A stopped node is
  /// disconnected too, so the partition holds when it starts; a node without a container yet is
  /// recorded and cut off by `start` (`ContainerLifecycle.launch`).
  public func partition(
    _ groups: [[String]], containers: [String: String],
    fixed: [String: NetworkAttachment] = [:]
  ) async throws -> PartitionRecord {
    _ = try await heal()
    let kept =
      groups.enumerated().max { a, b in
        a.element.count < b.element.count
          || (a.element.count == b.element.count && a.offset > b.offset)
      }?.offset ?? 0
    let cut = groups.enumerated().filter { $0.offset != kept }.flatMap(\.element)
    let infos = try await inspect(cut.compactMap { node in containers[node].map { (node, $0) } })
    var attached: [(node: String, container: String)] = []
    let isolated = cut.compactMap { node -> PartitionMember? in
      guard let container = containers[node] else { return nil }
      let info = infos[node]
      if let info, info.networks[network] != nil { attached.append((node, container)) }
      return PartitionMember(
        node: node, container: container,
        address: info?.ipAddress(on: network) ?? fixed[node]?.ipv4Address,
        macAddress: fixed[node]?.macAddress)
    }
    let record = PartitionRecord(network: network, groups: groups, isolated: isolated)
    try record.save(clusterDirectory: clusterDirectory)
    for (node, container) in attached {
      try await client(of: node).disconnect(container, from: network)
    }
    return record
  }

  /// Reconnects every node the recorded partition cut off, at its old address; returns their
  /// names.
  ///
  /// Idempotent: nodes already on the network, removed containers and a missing record are
  /// fine. The record is deleted once everything is back.
  public func heal() async throws -> [String] {
    guard let record = try PartitionRecord.load(clusterDirectory: clusterDirectory) else {
      return []
    }
    let infos = try await inspect(record.isolated.map { ($0.node, $0.container) })
    var healed: [String] = []
    for member in record.isolated {
      guard let info = infos[member.node] else { continue }
      if info.networks[record.network] != nil { continue }
      try await client(of: member.node).connect(
        member.container,
        to: NetworkAttachment(
          network: record.network, ipv4Address: member.address, macAddress: member.macAddress))
      healed.append(member.node)
    }
    PartitionRecord.remove(clusterDirectory: clusterDirectory)
    return healed
  }
}
