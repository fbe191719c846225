import CCMCore
import Synchronization

/// A container engine in memory: containers, networks and images are state, so a test can run a
/// cluster through create → start → inspect → stop → remove without a real engine.
///
/// A container's log is what the test `write`s to it; `logs --follow` sees new lines as they come
/// and ends when the container stops. Calls it does not model (exec, image copies) throw
/// `UnmodelledCall`.
public final class InMemoryEngine: ContainerClient {
  public struct Container: Sendable {
    public var spec: ContainerSpec
    public var id: String
    public var status: ContainerStatus
    public var exitCode: Int32 = 0
    public var networks: [String: NetworkEndpoint]
    /// Its log (stdout and stderr as the engine interleaves them), across its runs.
    public var output = ""
  }

  private struct State {
    var images: [String: ImageInfo] = [:]
    /// Images `pull` can fetch (a registry).
    var registry: Set<String> = []
    var containers: [String: Container] = [:]
    var networks: [String: NetworkInfo] = [:]
    var nextID = 0
    var calls: [String] = []
    /// Log reads never answer and followers stay silent (an engine that stopped answering).
    var logReadsHang = false
  }

  public let kind: RuntimeKind
  private let state = Mutex(State())

  public init(kind: RuntimeKind = .podman, images: [String] = [], registry: [String] = []) {
    self.kind = kind
    state.withLock { state in
      for image in images { state.images[image] = Self.imageInfo(image) }
      state.registry = Set(registry)
    }
  }

  // MARK: what tests read

  /// Every call, in order, as `verb target` (`run node1`, `network create ccm-c`).
  public var calls: [String] { state.withLock { $0.calls } }
  public var containers: [String: Container] { state.withLock { $0.containers } }
  public var networkNames: Set<String> { state.withLock { Set($0.networks.keys) } }
  public var imageNames: Set<String> { state.withLock { Set($0.images.keys) } }

  /// Makes a running container exit, as a crashed process would.
  public func exit(_ container: String, code: Int32) throws {
    try mutate("exit \(container)") { state in
      let name = try Self.name(of: container, in: state)
      state.containers[name]?.status = .exited
      state.containers[name]?.exitCode = code
    }
  }

  /// Appends `text` to the container's log, as its processes would.
  public func write(_ container: String, _ text: String) throws {
    try mutate("write \(container)") { state in
      let name = try Self.name(of: container, in: state)
      state.containers[name]?.output += text
    }
  }

  /// From now on log reads never answer (until cancelled) and followers yield nothing.
  public func hangLogReads() { state.withLock { $0.logReadsHang = true } }

  // MARK: ContainerClient

  public func version() async throws -> String { record("version") { _ in "5.0.0-inmemory" } }

  public func run(_ spec: ContainerSpec) async throws -> String {
    try mutate("run \(spec.name)") { state in
      guard state.images[spec.image] != nil else { throw Self.imageNotFound(spec.image) }
      guard state.containers[spec.name] == nil else {
        throw ContainerError.nameInUse(name: spec.name, Self.failure("run", spec.name))
      }
      var networks: [String: NetworkEndpoint] = [:]
      if let attachment = spec.network {
        guard state.networks[attachment.network] != nil else {
          throw Self.networkNotFound(attachment.network)
        }
        networks[attachment.network] = NetworkEndpoint(
          ipv4Address: attachment.ipv4Address, aliases: attachment.aliases)
      }
      state.nextID += 1
      let id = String(repeating: "0", count: 12 - String(state.nextID).count) + String(state.nextID)
      state.containers[spec.name] = Container(
        spec: spec, id: id, status: .running, networks: networks)
      return id
    }
  }

  public func start(_ container: String) async throws {
    try setStatus(container, "start", to: .running)
  }

  public func exec(_ container: String, _ request: ExecRequest) async throws -> ExecResult {
    throw UnmodelledCall("exec \(container)")
  }

  public func stop(_ container: String, timeout: Duration) async throws {
    try setStatus(container, "stop", to: .exited)
  }

  public func kill(_ container: String, signal: ContainerSignal) async throws {
    try mutate("kill \(container)") { state in
      let name = try Self.name(of: container, in: state)
      guard state.containers[name]?.status == .running else {
        throw ContainerError.commandFailed(Self.failure("kill", container))
      }
      state.containers[name]?.status = .exited
      state.containers[name]?.exitCode = 128 + 9
    }
  }

  public func pause(_ container: String) async throws {
    try setStatus(container, "pause", to: .paused)
  }

  public func unpause(_ container: String) async throws {
    try setStatus(container, "unpause", to: .running)
  }

  public func remove(_ container: String, mode: RemovalMode, volumes: VolumeRemoval) async throws {
    try mutate("rm \(container)") { state in
      let name = try Self.name(of: container, in: state)
      if mode == .onlyIfStopped, state.containers[name]?.status == .running {
        throw ContainerError.commandFailed(Self.failure("rm", container))
      }
      state.containers[name] = nil
    }
  }

  public func inspect(_ container: String) async throws -> ContainerInfo {
    try mutate("inspect \(container)") { state in
      let name = try Self.name(of: container, in: state)
      return try Self.info(name, in: state)
    }
  }

  public func inspect(_ containers: [String]) async throws -> [ContainerInfo] {
    record("inspect \(containers.joined(separator: " "))") { state in
      containers.compactMap { container in
        (try? Self.name(of: container, in: state)).flatMap { try? Self.info($0, in: state) }
      }
    }
  }

  public func list(labels: [String: String]) async throws -> [ContainerSummary] {
    record("ps") { state in
      Self.matching(labels, in: state).map { container in
        ContainerSummary(
          id: container.id, name: container.spec.name, image: container.spec.image,
          status: container.status, labels: container.spec.labels,
          networks: container.networks.keys.sorted())
      }
    }
  }

  public func inspect(labels: [String: String]) async throws -> [ContainerInfo] {
    record("ps+inspect") { state in
      Self.matching(labels, in: state).compactMap { try? Self.info($0.spec.name, in: state) }
    }
  }

  public func logs(_ container: String, options: LogOptions) async throws -> ContainerLogs {
    var lines = try await logText(container).split(separator: "\n").map(String.init)
    if let tail = options.tail { lines = Array(lines.suffix(tail)) }
    return ContainerLogs(
      standardOutput: lines.map { $0 + "\n" }.joined(), standardError: "")
  }

  public func logLines(_ container: String, options: LogOptions) -> AsyncThrowingStream<
    String, any Error
  > {
    AsyncThrowingStream { continuation in
      let task = Task {
        do {
          let logs = try await self.logs(container, options: options)
          for line in logs.lines { continuation.yield(line) }
          continuation.finish()
        } catch {
          continuation.finish(throwing: error)
        }
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }

  /// The container's whole log, after a hang when log reads hang.
  private func logText(_ container: String) async throws -> String {
    if state.withLock({ $0.logReadsHang }) { try await Task.sleep(for: .seconds(3600)) }
    return try mutate("logs \(container)") { state in
      let name = try Self.name(of: container, in: state)
      return state.containers[name]?.output ?? ""
    }
  }

  public func copyFromImage(_ image: String, _ copies: [ImageCopy]) async throws {
    throw UnmodelledCall("cp \(image)")
  }

  /// Every complete line so far, then each new one, until the container is no longer running.
  public func followLogs(_ container: String, options: LogOptions) -> AsyncThrowingStream<
    String, any Error
  > {
    record("logs --follow \(container)") { _ in () }
    return AsyncThrowingStream { continuation in
      let task = Task {
        var position = 0
        while !Task.isCancelled {
          let seen = state.withLock { state -> (String, Bool, Bool)? in
            guard let name = try? Self.name(of: container, in: state),
              let found = state.containers[name]
            else { return nil }
            return (found.output, found.status == .running, state.logReadsHang)
          }
          guard let (output, running, silent) = seen else {
            continuation.finish(throwing: Self.containerNotFound(container))
            return
          }
          if !silent {
            let lines = output.utf8.dropFirst(position).split(
              separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false
            ).dropLast()
            for line in lines {
              continuation.yield(String(decoding: line, as: UTF8.self))
              position += line.count + 1
            }
            if !running { break }
          }
          try? await Task.sleep(for: .milliseconds(10))
        }
        continuation.finish()
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }

  public func imageExists(_ image: String) async throws -> Bool {
    record("image exists \(image)") { $0.images[image] != nil }
  }

  public func inspectImage(_ image: String) async throws -> ImageInfo {
    try mutate("image inspect \(image)") { state in
      guard let info = state.images[image] else { throw Self.imageNotFound(image) }
      return info
    }
  }

  public func imageReferences(repository: String) async throws -> [String] {
    record("images \(repository)") { state in
      state.images.keys.filter { $0.hasPrefix(repository + ":") }.sorted()
    }
  }

  public func pull(_ image: String) async throws {
    try mutate("pull \(image)") { state in
      guard state.registry.contains(image) else { throw Self.imageNotFound(image) }
      state.images[image] = Self.imageInfo(image)
    }
  }

  public func copyFromImage(_ image: String, path: String, to hostPath: String) async throws {
    throw UnmodelledCall("cp \(image):\(path)")
  }

  public func createNetwork(_ spec: NetworkSpec) async throws {
    try mutate("network create \(spec.name)") { state in
      guard state.networks[spec.name] == nil else {
        throw ContainerError.commandFailed(Self.failure("network create", spec.name))
      }
      state.networks[spec.name] = NetworkInfo(
        name: spec.name, id: "net-" + spec.name, subnets: spec.subnet.map { [$0] } ?? [],
        labels: spec.labels)
    }
  }

  public func removeNetwork(_ network: String) async throws {
    try mutate("network rm \(network)") { state in
      guard state.networks[network] != nil else { throw Self.networkNotFound(network) }
      let inUse = state.containers.values.contains { $0.networks[network] != nil }
      guard !inUse else {
        throw ContainerError.commandFailed(Self.failure("network rm", network))
      }
      state.networks[network] = nil
    }
  }

  public func networkExists(_ network: String) async throws -> Bool {
    record("network exists \(network)") { $0.networks[network] != nil }
  }

  public func inspectNetwork(_ network: String) async throws -> NetworkInfo {
    try mutate("network inspect \(network)") { state in
      guard let info = state.networks[network] else { throw Self.networkNotFound(network) }
      return info
    }
  }

  public func listNetworks(labels: [String: String]) async throws -> [String] {
    record("network ls") { state in
      state.networks.values.filter { network in
        labels.allSatisfy { network.labels[$0.key] == $0.value }
      }.map(\.name).sorted()
    }
  }

  public func connect(_ container: String, to attachment: NetworkAttachment) async throws {
    try mutate("network connect \(container)") { state in
      let name = try Self.name(of: container, in: state)
      guard state.networks[attachment.network] != nil else {
        throw Self.networkNotFound(attachment.network)
      }
      state.containers[name]?.networks[attachment.network] = NetworkEndpoint(
        ipv4Address: attachment.ipv4Address, aliases: attachment.aliases)
    }
  }

  public func disconnect(_ container: String, from network: String) async throws {
    try mutate("network disconnect \(container)") { state in
      let name = try Self.name(of: container, in: state)
      guard state.containers[name]?.networks[network] != nil else {
        throw Self.networkNotFound(network)
      }
      state.containers[name]?.networks[network] = nil
    }
  }

  // MARK: the state

  private func record<T>(_ call: String, _ read: (State) -> T) -> T {
    state.withLock { state in
      state.calls.append(call)
      return read(state)
    }
  }

  private func mutate<T>(_ call: String, _ change: (inout State) throws -> T) throws -> T {
    try state.withLock { state in
      state.calls.append(call)
      return try change(&state)
    }
  }

  private func setStatus(_ container: String, _ verb: String, to status: ContainerStatus) throws {
    try mutate("\(verb) \(container)") { state in
      let name = try Self.name(of: container, in: state)
      state.containers[name]?.status = status
      if status == .running { state.containers[name]?.exitCode = 0 }
    }
  }

  /// The container's name from a name or an ID.
  private static func name(of container: String, in state: State) throws -> String {
    if state.containers[container] != nil { return container }
    if let match = state.containers.values.first(where: { $0.id == container }) {
      return match.spec.name
    }
    throw ContainerError.containerNotFound(name: container, failure("inspect", container))
  }

  private static func info(_ name: String, in state: State) throws -> ContainerInfo {
    guard let container = state.containers[name] else {
      throw ContainerError.containerNotFound(name: name, failure("inspect", name))
    }
    let running = container.status == .running
    return ContainerInfo(
      id: container.id, name: name, image: container.spec.image,
      imageID: state.images[container.spec.image]?.id ?? "",
      hostname: container.spec.hostname ?? "",
      state: ContainerState(
        status: container.status, exitCode: container.exitCode, pid: running ? 1000 : 0),
      labels: container.spec.labels, environment: container.spec.environment,
      networks: running
        ? container.networks
        : container.networks.mapValues {
          NetworkEndpoint(ipv4Address: nil, aliases: $0.aliases)
        },
      mounts: [], limits: container.spec.limits)
  }

  private static func matching(_ labels: [String: String], in state: State) -> [Container] {
    state.containers.values.filter { container in
      labels.allSatisfy { container.spec.labels[$0.key] == $0.value }
    }.sorted { $0.spec.name < $1.spec.name }
  }

  private static func imageInfo(_ image: String) -> ImageInfo {
    ImageInfo(id: "sha256:in-memory-" + image, tags: [image], digests: [], labels: [:])
  }

  private static func failure(_ verb: String, _ target: String) -> CommandFailure {
    CommandFailure(
      argv: ["inmemory", verb, target], status: .exited(125),
      standardError: "Error: \(verb) \(target)")
  }

  private static func imageNotFound(_ image: String) -> ContainerError {
    .imageNotFound(image: image, failure("image inspect", image))
  }

  private static func containerNotFound(_ container: String) -> ContainerError {
    .containerNotFound(name: container, failure("logs", container))
  }

  private static func networkNotFound(_ network: String) -> ContainerError {
    .networkNotFound(name: network, failure("network inspect", network))
  }
}
