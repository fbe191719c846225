import Foundation
import Logging

/// A cluster network removed behind ccmsh's back (`docker network rm`, `podman network rm -f`)
/// is made again when a start needs it, from what cluster.conf recorded.
///
/// Why on the engine's word and not by asking first: a start would pay a `network inspect` per
/// launch for a rare event; the engine's "network not found" says it exactly when it matters.
extension ContainerLifecycle {
  /// Runs `body` (a `run`); when the engine says the cluster's network is gone, re-creates it,
  /// removes whatever `body` may have left of `backend`'s container, and runs `body` once more.
  func restoringNetwork<T: Sendable>(
    of cluster: Cluster, removing backend: ContainerNodeBackend,
    _ body: () async throws -> T
  ) async throws -> T {
    do {
      return try await body()
    } catch ContainerError.networkNotFound {
      try await recreateNetwork(of: cluster)
      try await backend.destroy()
      return try await body()
    }
  }

  /// Makes the cluster's network again on the subnet cluster.conf records (so the fixed
  /// addresses hold), with the cluster's labels, and says so on stderr.
  ///
  /// One made meanwhile by a parallel launch of the same start is fine. One that cannot be made
  /// is one line naming it and the engine's reason (not the engine's argv). A cluster on a
  /// Swarm overlay is left to its own set-up (the error stands).
  func recreateNetwork(of cluster: Cluster) async throws {
    guard let network = cluster.conf.clusterNetwork, cluster.conf.swarmSetup == nil else {
      throw CCMError.container(
        "the network of cluster \(cluster.name) is gone (removed outside ccmsh)")
    }
    let subnet = cluster.conf.subnet
    let on = subnet.map { " on \($0.cidr)" } ?? ""
    do {
      try await client.createNetwork(
        NetworkSpec(name: network, subnet: subnet?.cidr, labels: runtime.labels))
    } catch ContainerError.nameInUse {
      return
    } catch let error as ContainerError {
      let reason = error.failure?.standardErrorTail.split(separator: "\n").last.map(String.init)
      throw CCMError.container(
        "network \(network) of cluster \(cluster.name) is gone (removed outside ccmsh) and could"
          + " not be re-created\(on)" + (reason.map { ": \($0)" } ?? ""))
    }
    Logger(label: "ccmsh.network").warning(
      "network \(network) was gone (removed outside ccmsh): re-created it\(on)")
  }
}
