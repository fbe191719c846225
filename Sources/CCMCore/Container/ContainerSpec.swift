/// Everything `run` needs to create and start one container.
///
/// Optional fields left nil take the engine's (or the image's) defaults.
public struct ContainerSpec: Sendable, Hashable {
  public var image: String
  public var name: String
  public var hostname: String?
  public var labels: [String: String]
  public var environment: [String: String]
  var volumes: [VolumeMount]
  public var network: NetworkAttachment?
  /// Ports published on a host address (`--publish ADDRESS:PORT:PORT`).
  var publishedPorts: [PortPublication]
  /// Replaces the image's entrypoint (one executable path, as `--entrypoint` takes).
  var entrypoint: String?
  /// Arguments after the image name: the entrypoint's arguments, or the command.
  var command: [String]
  /// Linux capabilities to add, without the `CAP_` prefix (`SYS_NICE`).
  var capabilities: [String]
  /// `--security-opt` values (`seccomp=unconfined`).
  var securityOptions: [String]
  /// `user[:group]` to run as.
  var user: String?
  var workingDirectory: String?
  public var limits: ResourceLimits

  init(
    image: String, name: String, hostname: String? = nil, labels: [String: String] = [:],
    environment: [String: String] = [:], volumes: [VolumeMount] = [],
    network: NetworkAttachment? = nil, publishedPorts: [PortPublication] = [],
    entrypoint: String? = nil, command: [String] = [],
    capabilities: [String] = [], securityOptions: [String] = [], user: String? = nil,
    workingDirectory: String? = nil, limits: ResourceLimits = ResourceLimits()
  ) {
    self.image = image
    self.name = name
    self.hostname = hostname
    self.labels = labels
    self.environment = environment
    self.volumes = volumes
    self.network = network
    self.publishedPorts = publishedPorts
    self.entrypoint = entrypoint
    self.command = command
    self.capabilities = capabilities
    self.securityOptions = securityOptions
    self.user = user
    self.workingDirectory = workingDirectory
    self.limits = limits
  }
}

/// A bind mount of a host path.
struct VolumeMount: Sendable, Hashable {
  enum Access: Sendable, Hashable {
    case readWrite
    case readOnly
  }

  var hostPath: String
  var containerPath: String
  var access: Access

  init(hostPath: String, containerPath: String, access: Access = .readWrite) {
    self.hostPath = hostPath
    self.containerPath = containerPath
    self.access = access
  }
}

/// The network a container joins at start, with an optional fixed address and DNS aliases.
public struct NetworkAttachment: Sendable, Hashable {
  public var network: String
  /// A static IPv4 address inside the network's subnet.
  public var ipv4Address: String?
  /// Extra names other containers on the network resolve to this one.
  public var aliases: [String]
  /// A fixed MAC for the interface (see `ContainerNames.mac`); only engines that would otherwise
  /// pick a random one are given it (`RuntimeDialect.pinsMACAddress`).
  var macAddress: String?

  init(
    network: String, ipv4Address: String? = nil, aliases: [String] = [],
    macAddress: String? = nil
  ) {
    self.network = network
    self.ipv4Address = ipv4Address
    self.aliases = aliases
    self.macAddress = macAddress
  }
}

/// A container's TCP port published on one host address.
struct PortPublication: Sendable, Hashable {
  var hostAddress: String
  var hostPort: Int
  var containerPort: Int

  init(hostAddress: String, hostPort: Int, containerPort: Int) {
    self.hostAddress = hostAddress
    self.hostPort = hostPort
    self.containerPort = containerPort
  }

  /// `127.0.1.1:9042:9042`, as `--publish` takes it.
  var argument: String { "\(hostAddress):\(hostPort):\(containerPort)" }
}

/// Optional resource limits; nil means no limit.
public struct ResourceLimits: Sendable, Hashable {
  /// Number of CPUs (`--cpus`), fractional allowed.
  var cpus: Double?
  /// Memory limit in bytes (`--memory`).
  var memoryBytes: Int64?

  public init(cpus: Double? = nil, memoryBytes: Int64? = nil) {
    self.cpus = cpus
    self.memoryBytes = memoryBytes
  }
}

/// A command to run inside a running container.
public struct ExecRequest: Sendable, Hashable {
  var argv: [String]
  /// Text piped to the command's stdin (then closed); nil gives it none.
  var standardInput: String?
  var environment: [String: String]
  var workingDirectory: String?
  var user: String?
  /// How long the command may run before it is killed.
  var timeout: Duration

  init(
    _ argv: [String], standardInput: String? = nil, environment: [String: String] = [:],
    workingDirectory: String? = nil, user: String? = nil, timeout: Duration = .seconds(120)
  ) {
    self.argv = argv
    self.standardInput = standardInput
    self.environment = environment
    self.workingDirectory = workingDirectory
    self.user = user
    self.timeout = timeout
  }
}

/// What a command inside a container produced.
///
/// A non-zero exit code is a result, not an error.
public struct ExecResult: Sendable, Hashable {
  var exitCode: Int32
  var standardOutput: String
  var standardError: String

  init(exitCode: Int32, standardOutput: String, standardError: String) {
    self.exitCode = exitCode
    self.standardOutput = standardOutput
    self.standardError = standardError
  }
}
