import ArgumentParser
import CCMCore
import Foundation

extension CommandContext {
  /// The one entry into the clusters of the config dir the options name.
  func clusters(_ options: GlobalOptions) -> Clusters {
    Clusters(operations: operations(options), environment: environment, runner: runner)
  }

  /// The named (or current) cluster, resolved once for the command: its files read once, and
  /// for a container cluster its runtime picked once.
  func cluster(_ options: GlobalOptions, named name: String? = nil) async throws
    -> any ClusterHandle
  {
    try await clusters(options).resolve(name)
  }

  /// The named (or current) container cluster: what the commands only a container cluster has
  /// take (`notAContainerCluster` for an install-dir one).
  func container(_ options: GlobalOptions, named name: String? = nil) async throws
    -> ContainerCluster
  {
    try await clusters(options).container(name)
  }

  /// The life-cycle operations of the named (or current) container cluster.
  func lifecycle(_ options: GlobalOptions, cluster: String? = nil) async throws
    -> ContainerLifecycle
  {
    try await container(options, named: cluster).lifecycle
  }
}

/// `--env`, `--container-cpus`, `--container-memory`, `--image-flag` on create and add.
struct ContainerSettingsOptions: ParsableArguments {
  @Option(name: .customLong("env"), help: "K=V in the node containers' environment (repeatable).")
  var environment: [String] = []
  @Option(
    name: .customLong("container-cpus"),
    help: "CPU limit of each node container (not Scylla's --smp).")
  var cpus: Double?
  @Option(
    name: .customLong("container-memory"),
    help: "Memory limit of each node container, e.g. 2g (not Scylla's --memory).")
  var memory: String?
  @Option(
    name: .customLong("image-flag"),
    help: "Entrypoint flag NAME=VALUE over the defaults, e.g. smp=2 (repeatable).")
  var imageFlags: [String] = []

  func validate() throws { _ = try settings() }

  /// The typed settings; a malformed value is a usage error.
  func settings() throws -> ContainerSettings {
    if let cpus, cpus <= 0 { throw ValidationError("--container-cpus must be positive") }
    return ContainerSettings(
      environment: try Self.pairs(environment, option: "--env"),
      imageFlags: try Self.pairs(imageFlags, option: "--image-flag"), cpus: cpus,
      memoryBytes: try memory.map(Self.bytes))
  }

  /// `K=V` words into a map.
  static func pairs(_ words: [String], option: String) throws -> [String: String] {
    var result: [String: String] = [:]
    for word in words {
      guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
        throw ValidationError("\(option) takes NAME=VALUE, got '\(word)'")
      }
      result[String(word[..<equals])] = String(word[word.index(after: equals)...])
    }
    return result
  }

  /// `512m`, `2g`, `1048576` into bytes.
  static func bytes(_ text: String) throws -> Int64 {
    let units: [Character: Int64] = ["k": 1 << 10, "m": 1 << 20, "g": 1 << 30]
    let lower = text.lowercased()
    let unit = lower.last.flatMap { units[$0] }
    let digits = unit == nil ? lower : String(lower.dropLast())
    guard let value = Int64(digits), value > 0 else {
      throw ValidationError("--container-memory takes a size like 512m or 2g, got '\(text)'")
    }
    return value * (unit ?? 1)
  }
}

/// The wait flags of `start` (cluster and node).
struct StartWaitOptions: ParsableArguments {
  @Flag(name: .customLong("no-wait"), help: "Do not wait for the nodes' ready lines.")
  var noWait = false
  @Flag(
    name: .customLong("wait-for-binary-proto"),
    help: "Wait for the CQL line and a connection to the CQL port.")
  var waitForBinaryProto = false
  @Flag(
    name: .customLong("wait-other-notice"), help: "Wait until the other nodes see each node UP.")
  var waitOtherNotice = false
  @Option(
    name: .customLong("timeout"),
    help: "Time per wait: 30s, 2m, or seconds (default: cluster start_timeout, else 420).")
  var timeout: DurationArgument?

  func validate() throws {
    if noWait && (waitForBinaryProto || waitOtherNotice) {
      throw ValidationError("--no-wait contradicts --wait-for-binary-proto/--wait-other-notice")
    }
    if let timeout, timeout.duration <= .zero {
      throw ValidationError("--timeout must be positive")
    }
  }

  func options(order: StartOrder) -> StartOptions {
    StartOptions(
      order: order,
      readiness: noWait ? .launched : waitForBinaryProto ? .binaryProtocol : .readyLine,
      otherNotice: waitOtherNotice ? .wait : .skip, timeout: timeout?.duration)
  }
}

/// The flags of `stop` (cluster and node).
struct StopFlags: ParsableArguments {
  @Flag(name: .customLong("not-gently"), help: "Kill at once (SIGKILL) instead of SIGTERM.")
  var notGently = false
  @Option(
    name: .customLong("stop-timeout"),
    help: "Time to wait after SIGTERM before SIGKILL: 10s, 2m, or seconds.")
  var stopTimeout = DurationArgument(.seconds(127))

  var mode: StopMode { notGently ? .immediate : .gentle(timeout: stopTimeout.duration) }
}

extension ContainerSignal: ExpressibleByArgument {
  /// `KILL`, `SIGKILL`, `kill` or `9`.
  public init?(argument: String) {
    let name = argument.uppercased()
    let numbers: [String: ContainerSignal] = [
      "1": .hangup, "2": .interrupt, "3": .quit, "9": .kill, "10": .user1, "12": .user2,
      "15": .terminate, "19": .stop, "18": .continue,
    ]
    guard
      let signal = ContainerSignal(
        rawValue: name.hasPrefix("SIG") ? String(name.dropFirst(3)) : name)
        ?? numbers[name]
    else { return nil }
    self = signal
  }

  /// The names a usage error lists, most used first.
  public static var allValueStrings: [String] {
    ["KILL", "TERM", "HUP", "INT", "QUIT", "STOP", "CONT", "USR1", "USR2"]
  }
}
