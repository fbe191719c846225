/// A node on its own engine gets its files by copy, not by bind mount.
///
/// The controlling host's node directory does not exist where the engine resolves bind mounts,
/// so nothing is bind-mounted. The conf (and the supervisor's
/// program file) is copied into the container before each start, the data lives in an anonymous
/// volume on that engine (removed with the container), and the logs keep arriving in the node's
/// `logs/` through the engine's log stream (`LogSync`), as for every node.
enum NodeShipping {
  /// `spec` without bind mounts: one anonymous volume holds the scylla work directory (data,
  /// commitlog, hints...), so a stop and start keeps the data.
  static func spec(_ spec: ContainerSpec) -> ContainerSpec {
    var shipped = spec
    shipped.volumes = [VolumeMount(hostPath: "", containerPath: ContainerVolumes.workdir)]
    return shipped
  }

  /// Creates the container (not started), so its files can be put in place first.
  ///
  /// An image that runs ScyllaDB as its own user (2025.2 and later) gets the fresh work volume
  /// owned by that user: the engine fills it from the image's root-owned directory, and the
  /// server refuses directories it does not own. A short-lived root container of the same image
  /// on the same engine mounts the volume by name and hands it over.
  static func create(
    _ spec: ContainerSpec, profile: ImageProfile?, client: any ContainerClient
  ) async throws -> String {
    let id = try await cli(client, spec.name).create(spec)
    guard let profile, !profile.runsAsRoot else { return id }
    let volume = try await client.inspect([spec.name]).first?.mounts.first {
      $0.destination == ContainerVolumes.workdir
    }?.name
    guard let volume else {
      throw CCMError.container("\(spec.name): the engine reports no work volume to hand over")
    }
    let path = "/ccmsh-own/0"
    try await HelperContainer.run(
      image: spec.image, purpose: "own",
      mounts: [VolumeMount(hostPath: volume, containerPath: path)], entrypoint: "/bin/sh",
      command: ["-c", "chown -R \(profile.uid):\(profile.gid) \(path)"], client: client,
      describing: "giving \(spec.name)'s work volume to uid \(profile.uid)")
    return id
  }

  /// Copies the node's conf directory, and the supervisor file when the cluster has one, into
  /// the (created or stopped) container.
  static func ship(
    nodeDirectory: String, clusterDirectory: String, container: String,
    client: any ContainerClient
  ) async throws {
    let engine = try cli(client, container)
    try await engine.copy(
      nodeDirectory + "/" + ContainerVolumes.conf.hostSubdirectory + "/.", into: container,
      at: ContainerVolumes.conf.containerPath)
    if let supervisor = ImageProfile.supervisorMount(cluster: clusterDirectory) {
      try await engine.copy(supervisor.hostPath, into: container, at: supervisor.containerPath)
    }
  }

  private static func cli(_ client: any ContainerClient, _ container: String) throws
    -> any CLIContainerClient
  {
    guard let engine = client as? any CLIContainerClient else {
      throw CCMError.container(
        "\(container): this engine client cannot copy files into a container")
    }
    return engine
  }
}

extension CLIContainerClient {
  /// `create` with `run`'s arguments: the container exists, stopped, until `start`.
  func create(_ spec: ContainerSpec) async throws -> String {
    let run = dialect.runArguments(spec)
    let arguments = ["create"] + run.drop { $0 == "run" || $0 == "--detach" }
    let output = try await engine.check(
      arguments, timeout: timeouts.lifecycle, subject: spec.name,
      otherwise: { .startFailed(name: spec.name, $0) })
    let lines = output.standardOutput.split(separator: "\n")
    return lines.last.map { $0.trimmingCharacters(in: .whitespaces) } ?? spec.name
  }

  /// `cp HOSTPATH CONTAINER:PATH` (a directory's contents with `DIR/.`).
  func copy(_ hostPath: String, into container: String, at path: String) async throws {
    try await engine.check(
      ["cp", hostPath, "\(container):\(path)"], timeout: timeouts.lifecycle, subject: container)
  }
}
