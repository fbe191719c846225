import ArgumentParser
import CCMCore
import Foundation

/// `create NAME`: a new cluster's state (and nodes with `-n`).
struct CreateCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "create", abstract: "Create a cluster (and its nodes with -n).")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "Cluster name (letters, digits, '_', '.', '-').") var name: String
  @Option(name: [.short, .customLong("nodes")], help: "Nodes: N, or N:M:... per data center.")
  var nodes: String?
  @Option(
    name: .customLong("docker-image"),
    help: "Run nodes as containers of this image ($SCYLLA_DOCKER_IMAGE).")
  var dockerImage: String?
  @Option(
    name: .customLong("container-runtime"), help: "docker or podman ($CCM_CONTAINER_RUNTIME).")
  var containerRuntime: RuntimeKind?
  @Flag(name: .customLong("pull-image"), help: "Pull the image when the runtime does not have it.")
  var pullImage = false
  @OptionGroup var container: ContainerSettingsOptions
  @Option(
    name: .customLong("start-timeout"),
    help: "Default time for each start wait of a container cluster: 90s, 5m, or seconds (420).")
  var startTimeout: DurationArgument?
  @Option(name: .customLong("install-dir"), help: "Scylla install directory with conf/scylla.yaml.")
  var installDirectory: String?
  @Option(name: .customLong("base-config"), help: "scylla.yaml to start from for container nodes.")
  var baseConfig: String?
  @Flag(name: .customLong("no-switch"), help: "Do not make the new cluster current.")
  var noSwitch = false
  @Flag(name: .customLong("vnodes"), help: "256 vnodes per node instead of one balanced token.")
  var vnodes = false
  @Option(
    name: [.customShort("i"), .customLong("ipprefix")], help: "Address prefix, e.g. 127.0.1.")
  var ipPrefix: String?
  @Option(name: [.customShort("I"), .customLong("ip-format")], help: "Address format with %d.")
  var ipFormat: String?
  @Option(name: .customLong("id"), help: "Cluster id 0-99: addresses 127.0.<id>.N.")
  var id: Int?
  @Flag(name: .customLong("scylla"), help: "The version (-v) is ScyllaDB's (as in scylla-ccm).")
  var scylla = false
  @Option(
    name: [.customShort("v"), .customLong("version")],
    help: "ScyllaDB version, as scylla-ccm takes it (release:2025.1, 2025.1.3): runs its image.")
  var version: String?
  @Flag(name: [.short, .customLong("start")], help: "Start the nodes (waits for CQL).")
  var start = false
  @Option(name: [.short, .customLong("partitioner")], help: "Partitioner class for scylla.yaml.")
  var partitioner: String?
  @OptionGroup var server: ServerArgumentOptions
  @Option(
    name: .customLong("engine"),
    help: "A node engine: docker context or unix://, tcp://, ssh:// URL ($CCMSH_ENGINES).")
  var engines: [String] = []
  @Option(name: .customLong("place"), help: "Pin a node to an engine: nodeK=ENGINE (repeatable).")
  var places: [String] = []
  @Option(
    name: .customLong("swarm-advertise"),
    help: "ENGINE=ADDRESS the engine advertises to the Swarm (several interfaces; repeatable).")
  var advertise: [String] = []
  @Option(
    name: .customLong("node-image"),
    help: ArgumentHelp(
      "Run one node on its own image (a mixed-version cluster; repeatable).",
      valueName: "NODE=IMAGE"))
  var nodeImages: [String] = []
  @OptionGroup var security: SecurityOptions
  @Option(
    name: .customLong("snitch"),
    help: ArgumentHelp(
      "endpoint_snitch: GossipingPropertyFileSnitch, SimpleSnitch or RackInferringSnitch.",
      valueName: "CLASS"))
  var snitch: String?
  @Flag(
    name: .customLong("fast-start"),
    help: "Server flags that make test nodes start fast ($CCMSH_FAST_START=1).")
  var fastStart = false

  func validate() throws {
    // The name first: a bad name is reported before anything about the image or the engine.
    do { try EntityName.validate(name, as: .cluster) } catch {
      throw ValidationError(error.message)
    }
    let addressing = [ipPrefix != nil, ipFormat != nil, id != nil].filter { $0 }.count
    if addressing > 1 { throw ValidationError("use only one of -i, -I and --id") }
    if vnodes && nodes == nil { throw ValidationError("--vnodes needs -n") }
    // Here, not at run time: then `check` and the check before `run` see `-n abc` too.
    if let nodes {
      do { _ = try NodeCount(parsing: nodes) } catch { throw ValidationError(error.message) }
    }
    if let startTimeout, startTimeout.duration <= .zero {
      throw ValidationError("--start-timeout must be positive")
    }
    if installDirectory != nil && (dockerImage != nil || version != nil) {
      throw ValidationError("use either --install-dir or --docker-image/-v")
    }
    if start && nodes == nil { throw ValidationError("-s/--start needs -n") }
    let perNode = try ContainerSettingsOptions.pairs(nodeImages, option: "--node-image")
    if !perNode.isEmpty && (installDirectory != nil || nodes == nil) {
      throw ValidationError("--node-image needs -n and a container cluster")
    }
    if let snitch { _ = try SnitchName.className(snitch) }
    if !engines.isEmpty || !places.isEmpty || !advertise.isEmpty {
      if installDirectory != nil {
        throw ValidationError("--engine and --place are for container clusters")
      }
      do { _ = try engineRequest() } catch { throw ValidationError(error.message) }
    }
  }

  /// `--engine` and `--place`, parsed; without `--engine`, the engines of `$CCMSH_ENGINES`
  /// (comma-separated), so a script's plain `create` can spread its nodes.
  private func engineRequest(_ environment: [String: String] = [:]) throws(CCMError)
    -> EngineRequest
  {
    let given =
      engines.isEmpty
      ? (environment["CCMSH_ENGINES"] ?? "").split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty } : engines
    var pins: [String: EngineEndpoint] = [:]
    for text in places {
      let pin = try EnginePlacement.parsePin(text)
      guard pins[pin.node] == nil else {
        throw .invalidArgument("--place \(pin.node) is given twice")
      }
      pins[pin.node] = pin.engine
    }
    var addresses: [EngineEndpoint: String] = [:]
    for text in advertise {
      let (engine, address) = try EngineRequest.parseAdvertise(text)
      addresses[engine] = address
    }
    return EngineRequest(
      engines: try given.map { text throws(CCMError) in try EngineEndpoint(parsing: text) },
      pins: pins, advertise: addresses)
  }

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    // Certificates first: a missing file is refused before the image or the engine is asked.
    try security.cluster.validate()
    var spec = ClusterSpec(
      name: name, source: try source(context), nodeCount: try nodes.map(NodeCount.init(parsing:)),
      addressing: addressing, tokens: vnodes ? .vnodes : .balanced,
      current: noSwitch ? .keepCurrent : .switchToNew)
    spec.security = security.cluster
    spec.snitch = try snitch.map(SnitchName.className)
    let fast = fastStart || FastStartProfile.requested(by: context.environment)
    var cluster: Cluster
    if case .container = spec.source {
      var settings = try container.settings()
      settings.imageFlags = (fast ? FastStartProfile.imageFlags : [:])
        .merging(server.imageFlags()) { $1 }.merging(settings.imageFlags) { $1 }
      // A version is a download request in scylla-ccm; an image it names is pulled the same way.
      let pull = pullImage || (version != nil && givenImage(context) == nil)
      cluster = try await ContainerClusterSetup(
        operations: context.operations(global), environment: context.environment,
        runner: context.runner
      ).create(
        spec, settings: settings, pull: pull ? .pullIfMissing : .requirePresent,
        startTimeout: startTimeout?.duration,
        engines: try engineRequest(context.environment),
        nodeImages: try ContainerSettingsOptions.pairs(nodeImages, option: "--node-image"))
    } else {
      cluster = try context.operations(global).create(spec)
    }
    // From here the new cluster is written (partitioner, `-s`'s start): hold its writer lock, as
    // the table does for commands on an existing cluster, so another ccmsh's start or remove
    // waits instead of racing this start.
    let lock = try ClusterWriterLock.acquire(
      directory: context.store(global).clusterDirectory(cluster.name), cluster: cluster.name,
      wait: context.lockWait)
    defer { withExtendedLifetime(lock) {} }
    if partitioner != nil || fast {
      cluster = try context.operations(global).modify(cluster.name) { cluster throws(CCMError) in
        if let partitioner { cluster.conf.setPartitioner(partitioner) }
        if fast { cluster.conf.fastStart = true }
      }
    }
    if cluster.conf.isContainerCluster, ipPrefix != nil || ipFormat != nil,
      !cluster.conf.publishesLoopback
    {
      // Only 127/8 addresses can be published on the host; say so instead of silence.
      context.output.writeError(
        "\(ProgramName.current): note: -i/-I addresses outside 127/8 are recorded, but container nodes take "
          + "addresses on the cluster network (liveset and status -v list them)\n")
    }
    // scylla-ccm's one line on success (harnesses and people read it).
    if !noSwitch { context.output.write("Current cluster is now: \(cluster.name)\n") }
    if start {
      _ = try await context.lifecycle(global, cluster: cluster.name).start(
        nil,
        options: StartOptions(
          order: .sequential, readiness: .binaryProtocol, otherNotice: .skip,
          timeout: startTimeout?.duration))
    }
    return .ok(
      .object([
        "cluster": .string(cluster.name),
        "nodes": .list(cluster.nodes.map { .string($0.name) }),
        "docker_image": .optional(cluster.conf.dockerImage),
      ]))
  }

  private var addressing: Addressing {
    if let ipPrefix { return .prefix(ipPrefix) }
    if let ipFormat { return .format(ipFormat) }
    return .standard(id: id ?? 0)
  }

  /// `--install-dir`, else a container image: `--docker-image`, `$SCYLLA_DOCKER_IMAGE`, then the
  /// image of the `-v` version.
  private func source(_ context: CommandContext) throws -> ClusterSource {
    if let installDirectory {
      return .installDirectory(ConfigDirectory.absolutePath(installDirectory))
    }
    // The version is read only when no image is given outright (those win).
    let given = givenImage(context)
    let fromVersion =
      try given == nil
      ? version.map {
        try ScyllaVersionImage.image(for: $0, scylla: scylla, environment: context.environment)
      } : nil
    guard let image = given ?? fromVersion
    else {
      throw CCMError.invalidArgument(
        "no Scylla to run: give -v VERSION, --docker-image IMAGE (or set SCYLLA_DOCKER_IMAGE) "
          + "or --install-dir DIR"
      )
    }
    return .container(
      image: image, runtime: try runtime(context), baseConfig: try baseConfig.map(readFile))
  }

  /// `--docker-image`, else a non-empty `$SCYLLA_DOCKER_IMAGE`.
  private func givenImage(_ context: CommandContext) -> String? {
    dockerImage ?? context.environment["SCYLLA_DOCKER_IMAGE"].flatMap { $0.isEmpty ? nil : $0 }
  }

  private func runtime(_ context: CommandContext) throws -> RuntimeKind? {
    if let containerRuntime { return containerRuntime }
    guard let fromEnvironment = context.environment["CCM_CONTAINER_RUNTIME"],
      !fromEnvironment.isEmpty
    else { return nil }
    guard let runtime = RuntimeKind(name: fromEnvironment) else {
      throw CCMError.invalidArgument(
        "CCM_CONTAINER_RUNTIME must be docker or podman, got '\(fromEnvironment)'")
    }
    return runtime
  }

  private func readFile(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CCMError.fileSystem(path: path, problem: "cannot read file")
    }
    return String(decoding: data, as: UTF8.self)
  }
}

extension RuntimeKind: ExpressibleByArgument {}
