import CCMCore

/// `NODE start --replace-address IP`: start the node in place of the dead node at IP.
///
/// scylla-ccm passes `--replace-address IP` to a local server (its container mode drops it);
/// ScyllaDB from 5.2 on replaces by host id (`--replace-node-first-boot`, the only way with
/// raft topology, 2025.x), so ccmsh asks a running node's `nodetool status` for the host id of
/// the node at IP. Older servers (before 5.2 and 2023.1) get `--replace-address-first-boot IP`.
/// Either flag is read on the node's first boot only.
enum ReplaceAddress {
  static let flag = "replace-node-first-boot"
  static let addressFlag = "replace-address-first-boot"

  /// Whether the image's server replaces by address only.
  static func replacesByAddress(_ profile: ImageProfile?) -> Bool {
    guard let profile else { return false }
    guard let generation = profile.generation else { return false }
    // Open source before 5.2; Enterprise (2017-2024 numbering) before 2023.1.
    return generation.major < 2000
      ? generation < ImageGeneration(5, 2) : generation < ImageGeneration(2023, 1)
  }

  /// The host id of the row at `address` in `nodetool status` output.
  static func hostID(of address: String, inStatus text: String) -> String? {
    NodetoolStatus.parse(text).first { $0.address == address && !$0.hostID.isEmpty }?.hostID
  }

  /// The server flag for replacing `address`, from the first running node other than `node`
  /// that answers `nodetool status`.
  static func flags(
    replacing address: String, for node: String, in container: ContainerCluster
  ) async throws -> [String: String] {
    let cluster = container.snapshot
    if replacesByAddress(cluster.conf.imageProfile) { return [addressFlag: address] }
    var asked: [String] = []
    for other in cluster.nodes where other.name != node {
      let backend = container.backend(other, in: cluster)
      guard try await backend.state().isRunning,
        let output = try? await Nodetool.run(backend, ["status"], timeout: .seconds(60)),
        output.succeeded
      else { continue }
      asked.append(other.name)
      if let id = hostID(of: address, inStatus: output.standardOutput) { return [flag: id] }
    }
    guard let first = asked.first else {
      throw CCMError.invalidArgument(
        "--replace-address \(address): no running node to ask for its host id")
    }
    throw CCMError.invalidArgument(
      "--replace-address \(address): no node at that address in \(first)'s nodetool status")
  }
}
