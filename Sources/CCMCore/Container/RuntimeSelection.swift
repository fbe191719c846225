/// Where a runtime choice came from, for messages and `-v` output.
enum RuntimeChoiceSource: String, Sendable, Hashable {
  case flag = "--container-runtime"
  case clusterConfig = "cluster.conf container_runtime"
  case environment = "CCM_CONTAINER_RUNTIME"
  case dockerAnswered = "docker engine answered"
  case podmanFallback = "podman (docker not available)"
}

/// The chosen runtime and why.
public struct RuntimeChoice: Sendable {
  public let client: any ContainerClient
  let source: RuntimeChoiceSource

  var kind: RuntimeKind { client.kind }
}

/// Chooses the container runtime: the explicit flag, then the cluster's `container_runtime`, then
/// `CCM_CONTAINER_RUNTIME`, then docker if its engine answers, else podman.
///
/// An explicitly chosen runtime must be installed (its binary on PATH); the automatic choice probes
/// docker with a short deadline so a missing or stopped daemon costs little.
public enum RuntimeSelection {
  static let environmentVariable = "CCM_CONTAINER_RUNTIME"

  public static func select(
    flag: String? = nil, clusterConfig: String? = nil, environment: [String: String],
    runner: any ProcessRunning = SubprocessRunner(),
    timeouts: ContainerTimeouts = ContainerTimeouts()
  ) async throws -> RuntimeChoice {
    let explicit: [(String?, RuntimeChoiceSource)] = [
      (flag, .flag), (clusterConfig, .clusterConfig),
      (environment[environmentVariable], .environment),
    ]
    for case (let name?, let source) in explicit where !name.isEmpty {
      guard let kind = RuntimeKind(name: name) else {
        throw ContainerError.unknownRuntime(name: name, source: source.rawValue)
      }
      guard let path = runner.locate(executable: kind.rawValue) else {
        throw ContainerError.runtimeNotFound(kind)
      }
      return RuntimeChoice(
        client: client(kind, path: path, runner: runner, timeouts: timeouts), source: source)
    }
    if let path = runner.locate(executable: RuntimeKind.docker.rawValue) {
      let docker = client(.docker, path: path, runner: runner, timeouts: timeouts)
      if (try? await docker.version()) != nil {
        return RuntimeChoice(client: docker, source: .dockerAnswered)
      }
    }
    if let path = runner.locate(executable: RuntimeKind.podman.rawValue) {
      return RuntimeChoice(
        client: client(.podman, path: path, runner: runner, timeouts: timeouts),
        source: .podmanFallback)
    }
    if runner.locate(executable: RuntimeKind.docker.rawValue) != nil {
      // Docker is installed but its engine did not answer, and there is no podman: say so.
      let docker = client(.docker, path: nil, runner: runner, timeouts: timeouts)
      _ = try await docker.version()
    }
    throw ContainerError.noRuntimeAvailable
  }

  /// A client for `kind`, using `path` as its binary when given, addressing `endpoint` when
  /// given (else the CLI's default engine).
  static func client(
    _ kind: RuntimeKind, path: String? = nil, runner: any ProcessRunning = SubprocessRunner(),
    timeouts: ContainerTimeouts = ContainerTimeouts(), endpoint: EngineEndpoint? = nil
  ) -> any ContainerClient {
    switch kind {
    case .docker:
      DockerClient(runner: runner, binary: path, timeouts: timeouts, endpoint: endpoint)
    case .podman:
      PodmanClient(runner: runner, binary: path, timeouts: timeouts, endpoint: endpoint)
    }
  }
}
