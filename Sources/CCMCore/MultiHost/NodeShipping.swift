/// A node on its own engine gets its files by copy, not by bind mount.
///
/// The controlling host's node directory does not exist where the engine resolves bind mounts,
/// so nothing is bind-mounted. The conf (and the supervisor's
/// program file) is copied into the container before each start, the data lives in an anonymous
/// volume on that engine (removed with the container), and the logs keep arriving in the node's
/// `logs/` through the engine's log stream (`LogSync`), as for every node.
public enum NodeShipping {
  /// `spec` without bind mounts: one anonymous volume holds the scylla work directory (data,
  /// commitlog, hints...), so a stop and start keeps the data.
  public static func spec(_ spec: ContainerSpec) -> ContainerSpec {
    var shipped = spec
    shipped.volumes = [VolumeMount(hostPath: "", containerPath: ContainerVolumes.workdir)]
    return shipped
  }

  /// Creates the container (not started), so its files can be put in place first.
  public static func create(_ spec: ContainerSpec, client: any ContainerClient) async throws
    -> String
  {
    try await cli(client, spec.name).create(spec)
  }

  /// Copies the node's conf directory, and the supervisor file when the cluster has one, into
  /// the (created or stopped) container.
  public static func ship(
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
  public func create(_ spec: ContainerSpec) async throws -> String {
    let run = dialect.runArguments(spec)
    let arguments = ["create"] + run.drop { $0 == "run" || $0 == "--detach" }
    let output = try await engine.check(
      arguments, timeout: timeouts.lifecycle, subject: spec.name,
      otherwise: { .startFailed(name: spec.name, $0) })
    let lines = output.standardOutput.split(separator: "\n")
    return lines.last.map { $0.trimmingCharacters(in: .whitespaces) } ?? spec.name
  }

  /// `cp HOSTPATH CONTAINER:PATH` (a directory's contents with `DIR/.`).
  public func copy(_ hostPath: String, into container: String, at path: String) async throws {
    try await engine.check(
      ["cp", hostPath, "\(container):\(path)"], timeout: timeouts.lifecycle, subject: container)
  }
}
