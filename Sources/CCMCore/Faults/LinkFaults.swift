import Foundation

/// Faults between chosen nodes: partitions that keep groups whole, one-way cuts, loss, rate
/// limits and delay, each written into the source node's network namespace as rules and
/// qdiscs of ccmsh's own (`NamespacePlan`), so the nodes stay on the cluster network at their
/// addresses.
///
/// The record (`LinkFaultRecord`) is the truth; each touched namespace is rewritten from it
/// (`sync`). A stopped node gets its rules at its next start (`ContainerLifecycle.launch`), a
/// removed container takes its namespace, and with it the rules, away.
public struct LinkFaults: Sendable {
  /// One node as the faults need it.
  public struct Member: Sendable {
    var name: String
    var container: String
    var address: String?
    var dataCenter: String?
    var rack: String?
    var engine: EngineEndpoint?
  }

  let client: any ContainerClient
  let runner: any ProcessRunning
  let clusterDirectory: String
  let members: [Member]

  init(
    client: any ContainerClient, runner: any ProcessRunning, clusterDirectory: String,
    members: [Member]
  ) {
    self.client = client
    self.runner = runner
    self.clusterDirectory = clusterDirectory
    self.members = members
  }

  /// Whether every node can be entered from here; link faults need it.
  public var available: Bool { unavailableReason == nil }

  /// Why link faults cannot be set here, in one line; nil when they can.
  public var unavailableReason: String? {
    guard NamespaceEntry.available(runner: runner) else {
      return "link faults enter the nodes' network namespaces from the host with nsenter: "
        + "they need root and nsenter, iptables and tc on the host"
    }
    if let remote = members.first(where: { !Self.isLocal($0.engine) }) {
      return "link faults need every node on a local engine; \(remote.name) is on "
        + (remote.engine.map { "\($0)" } ?? "?")
    }
    return nil
  }

  /// Only a node on the default engine counts as local: a node given its own engine (a cluster
  /// over several engines) may run in another pid namespace, so the pid its engine reports is
  /// not a host pid to enter, and `partition` falls back to disconnecting it.
  private static func isLocal(_ engine: EngineEndpoint?) -> Bool {
    engine == nil
  }

  /// The nodes `word` names: comma-separated node, data-center or rack names.
  public func nodeSet(_ word: String) throws(CCMError) -> [String] {
    var result: [String] = []
    for item in word.split(separator: ",").map(String.init) where !item.isEmpty {
      let named = members.filter { $0.name == item }
      let matched =
        named.isEmpty ? members.filter { $0.dataCenter == item || $0.rack == item } : named
      guard !matched.isEmpty else {
        throw .invalidArgument("no node, data center or rack '\(item)' in the cluster")
      }
      for member in matched where !result.contains(member.name) { result.append(member.name) }
    }
    guard !result.isEmpty else { throw .invalidArgument("an empty set of nodes") }
    return result
  }

  /// The faults in force.
  public func list() throws(CCMError) -> [LinkFault] {
    try LinkFaultRecord.load(clusterDirectory: clusterDirectory).faults
  }

  /// Sets a fault on `links`; returns it with its id.
  ///
  /// Refused when link faults cannot be set here, and for delay when the kernel has no netem;
  /// in both cases nothing is changed. The record is saved before any namespace is touched,
  /// so a failure half-way leaves `heal` able to undo what was written.
  public func add(
    _ effect: LinkEffect, links: [Link], summary: String, owner: Int32? = nil
  ) async throws -> LinkFault {
    if let reason = unavailableReason { throw CCMError.invalidArgument(reason) }
    if case .delay = effect, !(await NamespaceEntry.kernelHasNetem(runner: runner)) {
      throw CCMError.invalidArgument(
        "this kernel has no netem qdisc, so delay and jitter cannot be set; nothing changed")
    }
    guard !links.isEmpty else { throw CCMError.invalidArgument("the fault joins no two nodes") }
    for link in links where members.first(where: { $0.name == link.to })?.address == nil {
      throw CCMError.invalidArgument("node \(link.to) has no address yet; start it first")
    }
    var record = try LinkFaultRecord.load(clusterDirectory: clusterDirectory)
    let id = record.add(effect, links: links, summary: summary, owner: owner)
    try record.save(clusterDirectory: clusterDirectory)
    let fault = record.faults[record.faults.count - 1]
    do {
      try await sync(Set(fault.nodes), record: record)
    } catch {
      // Undo this fault alone; the error is what the user sees.
      record.faults.removeAll { $0.id == id }
      try? await sync(Set(fault.nodes), record: record)
      try? record.save(clusterDirectory: clusterDirectory)
      throw error
    }
    return fault
  }

  /// Removes the fault `id`, or every fault when nil; returns what was removed.
  public func heal(_ id: String? = nil) async throws -> [LinkFault] {
    var record = try LinkFaultRecord.load(clusterDirectory: clusterDirectory)
    let removed = record.faults.filter { id == nil || $0.id == id }
    if let id, removed.isEmpty {
      throw CCMError.invalidArgument("no fault '\(id)' (see 'faults')")
    }
    guard !removed.isEmpty else { return [] }
    record.faults.removeAll { fault in removed.contains { $0.id == fault.id } }
    try await sync(Set(removed.flatMap(\.nodes)), record: record)
    try record.save(clusterDirectory: clusterDirectory)
    return removed
  }

  /// Removes the scoped faults whose owning process is gone (a ccmsh killed inside a block).
  public func sweepOrphans() async throws -> [LinkFault] {
    let record = try LinkFaultRecord.load(clusterDirectory: clusterDirectory)
    var removed: [LinkFault] = []
    for fault in record.faults {
      guard let owner = fault.owner, kill(owner, 0) != 0, errno == ESRCH else { continue }
      removed += try await heal(fault.id)
    }
    return removed
  }

  /// Drops every fault touching `node` (being removed) and rewrites the other namespaces.
  func forget(_ node: String) async throws {
    var record = try LinkFaultRecord.load(clusterDirectory: clusterDirectory)
    let touched = record.faults.filter { $0.nodes.contains(node) }
    guard !touched.isEmpty else { return }
    record.faults.removeAll { $0.nodes.contains(node) }
    let others = Set(touched.flatMap(\.nodes)).subtracting([node])
    if available { try await sync(others, record: record) }
    try record.save(clusterDirectory: clusterDirectory)
  }

  /// Writes the record's rules into `node`'s namespace after its container (re)started; a
  /// node without faults, or where faults cannot be set, is left alone.
  func reapply(to node: String) async throws {
    let record = try LinkFaultRecord.load(clusterDirectory: clusterDirectory)
    guard record.faults.contains(where: { $0.nodes.contains(node) }), available else { return }
    try await sync([node], record: record)
  }

  /// Rewrites the namespaces of `nodes` (those running) to hold what `record` says.
  func sync(_ nodes: Set<String>, record: LinkFaultRecord) async throws {
    let chosen = members.filter { nodes.contains($0.name) }
    guard !chosen.isEmpty else { return }
    var addresses: [String: String] = [:]
    for member in members { if let address = member.address { addresses[member.name] = address } }
    let engines = EngineClients(base: client)
    for group in EngineClients.grouped(chosen, by: \.engine) {
      let infos = try await engines.client(for: group.engine).inspect(
        group.items.map(\.container))
      for member in group.items {
        guard
          let info = infos.first(where: {
            $0.name == member.container || $0.name == "/" + member.container
          }), info.state.pid > 0, let address = member.address
        else { continue }
        let entry = NamespaceEntry(node: member.name, pid: info.state.pid, runner: runner)
        let device = try await entry.device(holding: address)
        let plan = try NamespacePlan.build(
          for: member.name, record: record, addresses: addresses, device: device)
        if plan.isEmpty {
          try await entry.removeOwn(device: device)
        } else {
          try await entry.apply(plan, device: device)
        }
      }
    }
  }
}
