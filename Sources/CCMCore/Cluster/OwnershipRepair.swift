import Foundation

/// Gives the files containers wrote under a cluster directory back to the user running ccmsh,
/// before ccmsh deletes them (`remove`, `NODE remove`, `clear`).
///
/// Why this way: the official image must start as root (supervisord, then scylla as uid 999), so
/// running the container as the invoking user is not an option for it; and `chmod 777` (ccm's
/// fix) opens the files to everyone. Instead, a short-lived container of the cluster's own image
/// (no other image needed offline) runs `chown -R` as root inside. With rootful Docker the owner
/// is the caller's uid:gid; with rootless Podman container root *is* the caller, so the owner is
/// 0:0 inside. When ccmsh runs as root nothing needs repair and no container is started.
enum OwnershipRepair {
  static func run(
    on directory: String, image: String, client: any ContainerClient
  ) async throws {
    guard geteuid() != 0, FileManager.default.fileExists(atPath: directory) else { return }
    let owner = client.kind == .podman ? "0:0" : "\(getuid()):\(getgid())"
    let name = "ccmsh-chown-\(UUID().uuidString.prefix(12).lowercased())"
    let mountPoint = "/ccmsh-owned"
    _ = try await client.run(
      ContainerSpec(
        image: image, name: name, labels: ["org.ccmsh.transient": "chown"],
        volumes: [VolumeMount(hostPath: directory, containerPath: mountPoint)],
        entrypoint: "chown", command: ["-R", owner, mountPoint], user: "0"))
    do {
      try await Wait.until("chown of \(directory)", policy: WaitPolicy(timeout: .seconds(120))) {
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
