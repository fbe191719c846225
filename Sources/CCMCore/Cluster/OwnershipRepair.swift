import Foundation

/// Gives the files containers wrote under node directories back to the user running ccmsh.
///
/// This runs before ccmsh deletes them (`clear`, `NODE remove`, `remove`). The other half is
/// `NodeOwnership` (images with a `USER`, 2025.2 on) and `NodeContainerSpec.ownershipPrelude`
/// (images that start as root): both hand the mounted directories to the image's user, group
/// the caller's, so the server can write them and the caller read them; what the server then
/// creates may still be beyond the caller's reach to delete.
///
/// Why this way: `chmod 777` (scylla-ccm's fix) opens the files to everyone. Instead, a
/// short-lived container of the cluster's own image runs `chown -R` as root inside (no other
/// image needed offline). With rootful Docker the owner is the caller's uid:gid; with rootless
/// Podman container root *is* the caller, so the owner is 0:0 inside. When ccmsh runs as root
/// nothing needs repair and no container is started.
enum OwnershipRepair {
  /// One helper container for all of `directories` (each mounted under `/ccmsh-owned/<i>`).
  static func run(
    on directories: [String], image: String, client: any ContainerClient
  ) async throws {
    let existing = directories.filter { FileManager.default.fileExists(atPath: $0) }
    guard geteuid() != 0, !existing.isEmpty else { return }
    let owner = client.kind == .podman ? "0:0" : "\(getuid()):\(getgid())"
    let mounts = existing.enumerated().map {
      VolumeMount(hostPath: $0.element, containerPath: "/ccmsh-owned/\($0.offset)")
    }
    try await HelperContainer.run(
      image: image, purpose: "chown", mounts: mounts, entrypoint: "chown",
      command: ["-R", owner] + mounts.map(\.containerPath), client: client,
      describing: "chown of \(existing.joined(separator: ", "))")
  }
}
