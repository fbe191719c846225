/// A container's lifecycle state, normalised across Docker and Podman.
public enum ContainerStatus: Sendable, Hashable {
  case created
  case running
  case paused
  case restarting
  case removing
  case exited
  case dead
  case unknown(String)

  /// Maps an engine's status word (`running`, podman's `configured`...).
  init(engineWord: String) {
    switch engineWord.lowercased() {
    case "created", "configured", "initialized": self = .created
    case "running", "up": self = .running
    case "paused": self = .paused
    case "restarting": self = .restarting
    case "removing", "stopping": self = .removing
    case "exited", "stopped": self = .exited
    case "dead": self = .dead
    default: self = .unknown(engineWord)
    }
  }
}

/// State details from `inspect`.
public struct ContainerState: Sendable, Hashable {
  var status: ContainerStatus
  /// Exit code of the last run (0 while running or never started).
  var exitCode: Int32
  /// Host PID of the container's init process, 0 when not running.
  var pid: Int
  var oomKilled: Bool
  var startedAt: String
  var finishedAt: String

  public init(
    status: ContainerStatus, exitCode: Int32 = 0, pid: Int = 0, oomKilled: Bool = false,
    startedAt: String = "", finishedAt: String = ""
  ) {
    self.status = status
    self.exitCode = exitCode
    self.pid = pid
    self.oomKilled = oomKilled
    self.startedAt = startedAt
    self.finishedAt = finishedAt
  }
}

/// One network a container is attached to.
public struct NetworkEndpoint: Sendable, Hashable {
  var ipv4Address: String?
  public var aliases: [String]

  public init(ipv4Address: String?, aliases: [String] = []) {
    self.ipv4Address = ipv4Address
    self.aliases = aliases
  }
}

/// One mount as the engine reports it.
public struct MountInfo: Sendable, Hashable {
  var type: String
  var source: String
  var destination: String
  var readWrite: Bool
  /// A volume's name (anonymous volumes have one too); nil for a bind mount.
  var name: String?

  init(
    type: String, source: String, destination: String, readWrite: Bool, name: String? = nil
  ) {
    self.type = type
    self.source = source
    self.destination = destination
    self.readWrite = readWrite
    self.name = name
  }
}

/// The decoded result of `inspect` for one container.
public struct ContainerInfo: Sendable, Hashable {
  var id: String
  var name: String
  /// The image reference the container was created from.
  var image: String
  /// The image's ID, without the `sha256:` prefix.
  var imageID: String
  var hostname: String
  var state: ContainerState
  var labels: [String: String]
  var environment: [String: String]
  /// Keyed by network name.
  var networks: [String: NetworkEndpoint]
  var mounts: [MountInfo]
  /// The limits the container runs with (nil: none).
  var limits: ResourceLimits

  public init(
    id: String, name: String, image: String, imageID: String, hostname: String,
    state: ContainerState, labels: [String: String], environment: [String: String],
    networks: [String: NetworkEndpoint], mounts: [MountInfo],
    limits: ResourceLimits = ResourceLimits()
  ) {
    self.id = id
    self.name = name
    self.image = image
    self.imageID = imageID
    self.hostname = hostname
    self.state = state
    self.labels = labels
    self.environment = environment
    self.networks = networks
    self.mounts = mounts
    self.limits = limits
  }

  /// The container's IPv4 address on `network`, if attached and running.
  func ipAddress(on network: String) -> String? {
    guard let address = networks[network]?.ipv4Address, !address.isEmpty else { return nil }
    return address
  }
}

/// One row of a label-filtered listing (one engine call for a whole cluster).
public struct ContainerSummary: Sendable, Hashable {
  var id: String
  var name: String
  var image: String
  var status: ContainerStatus
  var labels: [String: String]
  /// Names of the networks the container is attached to.
  var networks: [String]

  public init(
    id: String, name: String, image: String, status: ContainerStatus, labels: [String: String],
    networks: [String]
  ) {
    self.id = id
    self.name = name
    self.image = image
    self.status = status
    self.labels = labels
    self.networks = networks
  }
}

/// An image as `image inspect` reports it.
public struct ImageInfo: Sendable, Hashable {
  /// Without the `sha256:` prefix.
  public var id: String
  var tags: [String]
  /// `name@sha256:...` entries; empty for images that never came from a registry.
  var digests: [String]
  var labels: [String: String]
  /// `Config.User` (`scylla:scylla`, `975`, ...); empty when the image runs as root.
  var user: String

  public init(
    id: String, tags: [String], digests: [String], labels: [String: String], user: String = ""
  ) {
    self.id = id
    self.tags = tags
    self.digests = digests
    self.labels = labels
    self.user = user
  }
}

/// A network to create.
public struct NetworkSpec: Sendable, Hashable {
  public var name: String
  /// CIDR such as `10.89.7.0/24`; nil lets the engine choose.
  public var subnet: String?
  public var labels: [String: String]

  init(name: String, subnet: String? = nil, labels: [String: String] = [:]) {
    self.name = name
    self.subnet = subnet
    self.labels = labels
  }
}

/// A network as `network inspect` reports it.
public struct NetworkInfo: Sendable, Hashable {
  public var name: String
  var id: String
  var subnets: [String]
  public var labels: [String: String]

  public init(name: String, id: String, subnets: [String], labels: [String: String]) {
    self.name = name
    self.id = id
    self.subnets = subnets
    self.labels = labels
  }
}
