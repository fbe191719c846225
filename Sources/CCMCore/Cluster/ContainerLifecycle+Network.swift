import Foundation
import Logging

/// A cluster network removed behind ccmsh's back (`docker network rm`, `podman network prune`)
/// is made again before a start needs it, from what cluster.conf recorded.
extension ContainerLifecycle {
  /// Re-creates the cluster's network when it is gone and `pending` needs it.
  ///
  /// `pending` needs it when one of its nodes has no running container. The network is made on
  /// the subnet cluster.conf records (so the fixed addresses hold), with the cluster's labels,
  /// and stderr says so. Stopped containers of the cluster were
  /// attached to the old network, which an engine may know only by its id: they are removed, to
  /// be run again from the same spec (their data is on the host). Returns `infos` without them.
  ///
  /// A network that cannot be made again is one line naming it (not the engine's argv).
  /// Clusters on a Swarm overlay or on their own engines are left to their own set-up.
  func restoreNetwork(
    for pending: [NodeConf], in cluster: Cluster, _ infos: [String: ContainerInfo]
  ) async throws -> [String: ContainerInfo] {
    guard let network = cluster.conf.clusterNetwork, cluster.conf.swarmSetup == nil,
      pending.contains(where: { $0.engine == nil && infos[$0.name]?.state.status != .running }),
      try await !client.networkExists(network)
    else { return infos }
    let subnet = cluster.conf.subnet
    do {
      try await client.createNetwork(
        NetworkSpec(name: network, subnet: subnet?.cidr, labels: runtime.labels))
    } catch let error as ContainerError {
      let reason = error.failure?.standardErrorTail.split(separator: "\n").last.map(String.init)
      throw CCMError.container(
        "network \(network) of cluster \(cluster.name) is gone (removed outside ccmsh) and could"
          + " not be re-created\(subnet.map { " on \($0.cidr)" } ?? "")"
          + (reason.map { ": \($0)" } ?? ""))
    }
    Logger(label: "ccmsh.network").warning(
      "network \(network) was gone (removed outside ccmsh): re-created it\(subnet.map { " on \($0.cidr)" } ?? "")"
    )
    var kept = infos
    for node in cluster.nodes where node.engine == nil {
      guard let info = infos[node.name], info.state.status != .running else { continue }
      try await runtime.backend(node, in: cluster).destroy()
      kept[node.name] = nil
    }
    return kept
  }
}
