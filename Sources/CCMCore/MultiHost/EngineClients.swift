/// The client for each engine of a cluster, from the one `RuntimeSelection` chose: the same CLI,
/// runner and timeouts, with the engine's `--host`/`--context` before every subcommand.
struct EngineClients: Sendable {
  /// The client of the CLI's default engine (no endpoint).
  let base: any ContainerClient

  init(base: any ContainerClient) { self.base = base }

  /// The client that sends every call to `endpoint`; the base client for nil.
  ///
  /// A client that is not a CLI (the unit tests' fakes) models one engine, and is returned as is.
  func client(for endpoint: EngineEndpoint?) -> any ContainerClient {
    guard let endpoint else { return base }
    if let docker = base as? DockerClient {
      return DockerClient(
        runner: docker.engine.runner, binary: docker.engine.dialect.binary,
        timeouts: docker.engine.timeouts, endpoint: endpoint)
    }
    if let podman = base as? PodmanClient {
      return PodmanClient(
        runner: podman.engine.runner, binary: podman.engine.dialect.binary,
        timeouts: podman.engine.timeouts, endpoint: endpoint)
    }
    return base
  }

  /// The docker client of `endpoint`, for the Swarm calls; nil for another engine kind.
  func dockerClient(for endpoint: EngineEndpoint?) -> DockerClient? {
    client(for: endpoint) as? DockerClient
  }

  /// `nodes` grouped by engine, engines in first-use order: one engine call per group.
  static func grouped<Item>(
    _ items: [Item], by engine: (Item) -> EngineEndpoint?
  ) -> [(engine: EngineEndpoint?, items: [Item])] {
    var order: [EngineEndpoint?] = []
    var groups: [EngineEndpoint?: [Item]] = [:]
    for item in items {
      let key = engine(item)
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(item)
    }
    return order.map { ($0, groups[$0] ?? []) }
  }
}
