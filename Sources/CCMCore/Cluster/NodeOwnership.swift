import CCMWait
import Foundation

/// Makes a node's directories usable by the image's user, whatever its uid, before the
/// container runs: images from 2025.2 run ScyllaDB as `scylla` (`USER scylla:scylla`), which
/// refuses data directories it does not own, and cannot chown them from inside.
///
/// - ccmsh as root with a rootful engine: `chown -R uid:gid` on the host, nothing started.
/// - otherwise (a user in the docker group, rootless Podman): one short-lived container of the
///   cluster's image runs as root inside and gives the directories to `uid`, group the
///   caller's as seen inside (its gid; 0 with rootless Podman, which maps the caller to root),
///   group-writable with setgid directories, so the caller can read everything the server
///   writes. `OwnershipRepair` gives it all back before ccmsh deletes anything.
///
/// Nothing is made world-writable. Images that run as root need none of this.
enum NodeOwnership {
  static func prepare(
    _ nodeDirectories: [String], profile: ImageProfile?, image: String?,
    client: any ContainerClient
  ) async throws {
    guard let profile, !profile.runsAsRoot, let image, !nodeDirectories.isEmpty else { return }
    let directories = nodeDirectories.flatMap { node in
      ContainerVolumes.all.filter { $0 != ContainerVolumes.conf }.map {
        node + "/" + $0.hostSubdirectory
      }
    }
    for directory in directories where !FileManager.default.fileExists(atPath: directory) {
      try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    if geteuid() == 0 {
      for directory in directories {
        try chownTree(directory, uid: profile.uid, gid: profile.gid)
      }
      return
    }
    let group = client.kind == .podman ? "0" : String(getgid())
    let mounts = directories.enumerated().map {
      VolumeMount(hostPath: $0.element, containerPath: "/ccmsh-own/\($0.offset)")
    }
    let paths = mounts.map(\.containerPath).joined(separator: " ")
    let script =
      "chown -R \(profile.uid):\(group) \(paths) && chmod -R g+rwX \(paths)"
      + " && { find \(paths) -type d -exec chmod g+s {} + 2>/dev/null || true; }"
    try await HelperContainer.run(
      image: image, purpose: "own", mounts: mounts, entrypoint: "/bin/sh",
      command: ["-c", script], client: client,
      describing: "giving \(directories.count) directories to uid \(profile.uid)")
  }

  /// `chown -R` without a child process (ccmsh is root here).
  static func chownTree(_ path: String, uid: UInt32, gid: UInt32) throws(CCMError) {
    guard lchown(path, uid, gid) == 0 else {
      throw .fileSystem(path: path, problem: "cannot chown: \(AtomicFile.errnoText())")
    }
    guard let entries = FileManager.default.enumerator(atPath: path) else { return }
    for case let entry as String in entries {
      let child = path + "/" + entry
      guard lchown(child, uid, gid) == 0 else {
        throw .fileSystem(path: child, problem: "cannot chown: \(AtomicFile.errnoText())")
      }
    }
  }
}

/// A short-lived root container of the cluster's own image (no other image needed offline),
/// labelled transient with its owner, always removed with its volumes.
enum HelperContainer {
  static func run(
    image: String, purpose: String, mounts: [VolumeMount], entrypoint: String,
    command: [String], client: any ContainerClient, describing: String
  ) async throws {
    let name = "ccmsh-\(purpose)-\(UUID().uuidString.prefix(12).lowercased())"
    do {
      _ = try await client.run(
        ContainerSpec(
          image: image, name: name, labels: TransientSweep.labels(purpose: purpose),
          volumes: mounts, entrypoint: entrypoint, command: command, user: "0"))
      try await Wait.until(describing, policy: WaitPolicy(timeout: .seconds(120))) {
        switch try await client.inspect([name]).first?.state {
        case let state? where state.status == .exited || state.status == .dead:
          guard state.exitCode == 0 else {
            throw CCMError.container("\(describing): the helper container exited \(state.exitCode)")
          }
          return .done(())
        case nil: return .done(())
        default: return .pending(reason: "helper still running")
        }
      }
    } catch {
      try? await client.remove(name, mode: .force, volumes: .remove)
      throw error
    }
    try await client.remove(name, mode: .force, volumes: .remove)
  }
}
