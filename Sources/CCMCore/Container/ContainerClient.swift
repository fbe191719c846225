/// One interface over Docker and Podman for every container operation ccmsh performs.
///
/// Container and network arguments are names or IDs. Implementations: `DockerClient`,
/// `PodmanClient` (both drive a CLI through `ContainerCLIEngine`), and fakes in tests.
public protocol ContainerClient: Sendable {
  var kind: RuntimeKind { get }

  /// The engine's server version; throws `runtimeUnavailable` if the engine does not answer.
  func version() async throws -> String

  // MARK: containers

  /// Creates and starts a container in the background; returns its ID.
  func run(_ spec: ContainerSpec) async throws -> String
  /// Starts an existing, stopped container.
  func start(_ container: String) async throws
  /// Runs a command in a running container.
  ///
  /// A non-zero exit code is returned, not thrown.
  func exec(_ container: String, _ request: ExecRequest) async throws -> ExecResult
  /// SIGTERM, then SIGKILL after `timeout` (whole seconds, rounded up).
  func stop(_ container: String, timeout: Duration) async throws
  func kill(_ container: String, signal: ContainerSignal) async throws
  func pause(_ container: String) async throws
  func unpause(_ container: String) async throws
  func remove(_ container: String, mode: RemovalMode, volumes: VolumeRemoval) async throws
  func inspect(_ container: String) async throws -> ContainerInfo
  /// Inspects several containers in one engine call; missing ones are left out.
  func inspect(_ containers: [String]) async throws -> [ContainerInfo]
  /// Containers (running or not) carrying all of `labels`, in one engine call.
  func list(labels: [String: String]) async throws -> [ContainerSummary]
  /// Full `inspect` (state, exit code, IP per network...) of every container carrying all of
  /// `labels`: two engine calls (`ps`, then one `inspect`) whatever the number of containers.
  ///
  /// `ps` cannot report addresses in either engine, hence the second call.
  func inspect(labels: [String: String]) async throws -> [ContainerInfo]
  /// The container's log as the engine has it now: stdout and stderr in one stream, in the
  /// engine's order (in `ContainerLogs.standardOutput`).
  func logs(_ container: String, options: LogOptions) async throws -> ContainerLogs
  /// The same as `logs`, line by line as the engine prints them, without holding it all: for
  /// logs that may be large. Throws `ContainerError` (e.g. `containerNotFound`) at the end.
  func logLines(_ container: String, options: LogOptions) -> AsyncThrowingStream<
    String, any Error
  >
  /// The container's log lines (stdout and stderr, in the engine's order) as they are written.
  ///
  /// The follower process is killed when the caller stops iterating (or its task is cancelled); the
  /// sequence then ends.
  func followLogs(_ container: String, options: LogOptions) -> AsyncThrowingStream<
    String, any Error
  >

  // MARK: images

  func imageExists(_ image: String) async throws -> Bool
  func inspectImage(_ image: String) async throws -> ImageInfo
  /// The `REPOSITORY:TAG` references the engine holds of `repository` (`bisect --versions`).
  func imageReferences(repository: String) async throws -> [String]
  func pull(_ image: String) async throws
  /// Copies `path` out of `image` to `hostPath` (create, cp, rm; nothing is started).
  func copyFromImage(_ image: String, path: String, to hostPath: String) async throws
  /// Several paths out of `image` with one helper container; optional ones may be missing.
  func copyFromImage(_ image: String, _ copies: [ImageCopy]) async throws

  // MARK: networks

  func createNetwork(_ spec: NetworkSpec) async throws
  func removeNetwork(_ network: String) async throws
  func networkExists(_ network: String) async throws -> Bool
  func inspectNetwork(_ network: String) async throws -> NetworkInfo
  /// Names of the networks carrying all of `labels`.
  func listNetworks(labels: [String: String]) async throws -> [String]
  /// Attaches a running container to a network (heal a partition).
  func connect(_ container: String, to attachment: NetworkAttachment) async throws
  /// Detaches a container from a network (partition it).
  func disconnect(_ container: String, from network: String) async throws
}

/// One path to copy out of an image.
public struct ImageCopy: Sendable, Hashable {
  var path: String
  var hostPath: String
  /// Missing in the image is not an error.
  var optional: Bool

  init(_ path: String, to hostPath: String, optional: Bool = false) {
    self.path = path
    self.hostPath = hostPath
    self.optional = optional
  }
}

/// The Docker CLI (`docker`), talking to dockerd or to any Docker-API engine.
struct DockerClient: CLIContainerClient {
  let engine: ContainerCLIEngine

  init(
    runner: any ProcessRunning = SubprocessRunner(), binary: String? = nil,
    timeouts: ContainerTimeouts = ContainerTimeouts(), endpoint: EngineEndpoint? = nil
  ) {
    engine = ContainerCLIEngine(
      dialect: RuntimeDialect(kind: .docker, binary: binary, endpoint: endpoint), runner: runner,
      timeouts: timeouts)
  }
}

/// The Podman CLI (`podman`), rootful or rootless; no daemon involved.
struct PodmanClient: CLIContainerClient {
  let engine: ContainerCLIEngine

  init(
    runner: any ProcessRunning = SubprocessRunner(), binary: String? = nil,
    timeouts: ContainerTimeouts = ContainerTimeouts(), endpoint: EngineEndpoint? = nil
  ) {
    engine = ContainerCLIEngine(
      dialect: RuntimeDialect(kind: .podman, binary: binary, endpoint: endpoint), runner: runner,
      timeouts: timeouts)
  }
}
