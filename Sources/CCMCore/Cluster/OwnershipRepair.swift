import CCMWait
import Foundation

/// Gives the files containers wrote under node directories back to the user running ccmsh.
///
/// This runs before ccmsh deletes them (`clear`, `NODE remove`, `remove`). The other half is
/// `NodeContainerSpec.ownershipPrelude`: when ccmsh does not run as root, a node's container
/// first gives its mounted directories to the image's `scylla` user (as scylla-ccm does), since
/// host directories created by the user are not writable by uid 999 inside.
///
/// Why this way: the official image must start as root (supervisord, then scylla as uid 999), so
/// running the container as the invoking user is not an option for it; and `chmod 777` (ccm's
/// fix) opens the files to everyone. Instead, a short-lived container of the cluster's own image
/// (no other image needed offline) runs `chown -R` as root inside. With rootful Docker the owner
/// is the caller's uid:gid; with rootless Podman container root *is* the caller, so the owner is
/// 0:0 inside. When ccmsh runs as root nothing needs repair and no container is started.
enum OwnershipRepair {
  /// One helper container for all of `directories` (each mounted under `/ccmsh-owned/<i>`).
  static func run(
    on directories: [String], image: String, client: any ContainerClient
  ) async throws {
    let existing = directories.filter { FileManager.default.fileExists(atPath: $0) }
    guard geteuid() != 0, !existing.isEmpty else { return }
    let owner = client.kind == .podman ? "0:0" : "\(getuid()):\(getgid())"
    let name = "ccmsh-chown-\(UUID().uuidString.prefix(12).lowercased())"
    let mounts = existing.enumerated().map {
      VolumeMount(hostPath: $0.element, containerPath: "/ccmsh-owned/\($0.offset)")
    }
    do {
      // A failed run can leave the helper created but not started: removed below either way.
      _ = try await client.run(
        ContainerSpec(
          image: image, name: name, labels: ["org.ccmsh.transient": "chown"], volumes: mounts,
          entrypoint: "chown", command: ["-R", owner] + mounts.map(\.containerPath), user: "0"))
      try await Wait.until(
        "chown of \(existing.joined(separator: ", "))", policy: WaitPolicy(timeout: .seconds(120))
      ) {
        switch try await client.inspect([name]).first?.state.status {
        case .exited?, .dead?, nil: return .done(())
        default: return .pending(reason: "chown still running")
        }
      }
    } catch {
      try? await client.remove(name, mode: .force, volumes: .remove)
      throw error
    }
    try await client.remove(name, mode: .force, volumes: .remove)
  }
}
