import Foundation
import Yams

/// What `start` settles before it launches anything, so a node that cannot start is refused in
/// ccmsh's words instead of failing inside its container after a timeout.
extension ContainerLifecycle {
  /// The named nodes (all when nil) a start may bring up: decommissioned nodes are skipped
  /// when starting the cluster and refused when named.
  func startable(_ names: [String]?, in cluster: Cluster) throws(CCMError) -> [NodeConf] {
    let nodes = try targets(names, in: cluster)
    if names != nil, let gone = nodes.first(where: { $0.status == .decommissioned }) {
      throw .nodeState(
        node: gone.name,
        problem: "is decommissioned and cannot be started (remove it: \(gone.name) remove)")
    }
    return nodes.filter { $0.status != .decommissioned }
  }

  /// What must hold before `pending` launch.
  ///
  /// Host ports for loopback nodes free, the image's profile (read once), configuration regenerated
  /// when it is not ccmsh's (a node scylla-ccm created keeps its data only if its scylla.yaml
  /// points at the mounts before its first start), flags the image cannot take, the host's AIO
  /// capacity, and directories the image's user can write. Returns the cluster as it now is.
  func prepareLaunch(
    of pending: [NodeConf], in cluster: Cluster, _ infos: [String: ContainerInfo]
  ) async throws -> Cluster {
    // A published address another cluster holds: refused before any container runs.
    try LoopbackPublication.ensureFree(
      pending.filter { infos[$0.name]?.state.status != .running }.compactMap { node in
        node.publishedCQL.map { (node.name, $0) }
      }, cluster: cluster.name)
    await TransientSweep.sweep(client)
    var cluster = cluster
    if cluster.conf.imageProfile == nil, let image = cluster.conf.dockerImage {
      let profile = try await ImageConfigCache.readProfile(
        image, client: runtime.engines.client(for: cluster.conf.engines.first),
        clusterDirectory: cluster.directory)
      try runtime.modify {
        (cluster: inout Cluster) throws(CCMError) in cluster.conf.imageProfile = profile
      }
      cluster = try runtime.load()
    }
    cluster = try await readOwnProfiles(of: pending, in: cluster)
    ImageProfile.refreshSupervisorFile(cluster: cluster.directory)
    if pending.contains(where: { !hasContainerPaths($0, in: cluster) }) {
      try runtime.operations.regenerateConfiguration(runtime.clusterName)
      cluster = try runtime.load()
    }
    var requests: [AIOBudget.Request] = []
    for node in pending {
      let settings = cluster.conf.containerSettings.overridden(by: node.containerSettings)
      try ImageFlagRules.check(
        settings.imageFlags, profile: cluster.profile(of: node), subject: "\(node.name):")
      let flags = NodeContainerSpec.imageFlags(settings, seeds: [])
      // Only nodes whose engine runs on this kernel share this host's AIO capacity.
      let engine = runtime.engines.client(for: node.engine)
      let local = AIOBudget.engineIsLocal(engine, environment: ProcessInfo.processInfo.environment)
      try RootlessNetworking.check(kind: engine.kind, local: local)
      if local {
        requests.append(.init(node: node.name, flags: flags))
      }
    }
    if !requests.isEmpty, let capacity = AIOBudget.hostCapacity() {
      try AIOBudget.check(requests, capacity: capacity)
    }
    // Nodes on their own engine have no host directories mounted (`NodeShipping`).
    // Each image's user gets its own nodes' directories (a mixed-version cluster has several).
    // The nodes as they now are (`readOwnProfiles` recorded their images' profiles).
    let fresh = cluster.nodes.filter { node in
      pending.contains { $0.name == node.name } && infos[node.name]?.state.status != .running
        && node.engine == nil
    }
    let byImage = Dictionary(grouping: fresh) { cluster.image(of: $0) ?? "" }
    for (image, nodes) in byImage.sorted(by: { $0.key < $1.key }) {
      guard let first = nodes.first else { continue }
      try await NodeOwnership.prepare(
        nodes.map { cluster.nodeDirectory($0.name) }, profile: cluster.profile(of: first),
        image: image.isEmpty ? nil : image, client: client)
    }
    return cluster
  }

  /// Reads the profile of every pending node's own image not read yet (a node added by
  /// scylla-ccm or an older ccmsh with `add --docker-image`); returns the cluster as it now is.
  func readOwnProfiles(of pending: [NodeConf], in cluster: Cluster) async throws -> Cluster {
    let missing = pending.filter { cluster.hasOwnImage($0) && $0.ownImageProfile == nil }
    guard !missing.isEmpty else { return cluster }
    var profiles: [String: ImageProfile] = [:]
    for node in missing {
      guard let image = node.dockerImage else { continue }
      profiles[node.name] = try await NodeImage.readProfile(
        image, client: runtime.engines.client(for: node.engine),
        clusterDirectory: cluster.directory)
    }
    try runtime.modify { (cluster: inout Cluster) throws(CCMError) in
      for index in cluster.nodes.indices {
        if let profile = profiles[cluster.nodes[index].name] {
          cluster.nodes[index].ownImageProfile = profile
        }
      }
    }
    return try runtime.load()
  }

  /// Whether the node's scylla.yaml already puts its data on ccmsh's mounts.
  private func hasContainerPaths(_ node: NodeConf, in cluster: Cluster) -> Bool {
    let path = cluster.nodeDirectory(node.name) + "/conf/scylla.yaml"
    guard let data = FileManager.default.contents(atPath: path),
      let yaml = try? Yams.compose(yaml: String(decoding: data, as: UTF8.self))?.mapping
    else { return false }
    return yaml["data_file_directories"]?.sequence?.first?.scalarText
      == ContainerVolumes.data.containerPath
  }
}
