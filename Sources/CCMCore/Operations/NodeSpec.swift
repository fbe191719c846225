/// Whether an added node is a seed (`add -s`).
public enum SeedRole: Sendable, Equatable {
  case seed
  case nonSeed
}

/// Whether a new node streams data when it joins (`add -b`).
public enum BootstrapMode: Sendable, Equatable {
  case autoBootstrap
  case noBootstrap
}

/// Everything `add` needs.
public struct NodeSpec: Sendable, Equatable {
  var name: String
  var seed: SeedRole
  /// `-i host` (or `host:port` for the storage port); default: the next address in sequence.
  var address: String?
  var dataCenter: String?
  var rack: String?
  var bootstrap: BootstrapMode
  var initialToken: String?
  var jmxPort: Int
  var remoteDebugPort: String
  /// A per-node image for container clusters (`add --docker-image`).
  var dockerImage: String?
  /// The CQL port of `--binary-itf HOST:PORT`; nil is 9042.
  var binaryPort: Int?

  public init(
    name: String, seed: SeedRole = .nonSeed, address: String? = nil, dataCenter: String? = nil,
    rack: String? = nil, bootstrap: BootstrapMode = .noBootstrap, initialToken: String? = nil,
    jmxPort: Int = 7199, remoteDebugPort: String = "2000", dockerImage: String? = nil,
    binaryPort: Int? = nil
  ) {
    self.name = name
    self.seed = seed
    self.address = address
    self.dataCenter = dataCenter
    self.rack = rack
    self.bootstrap = bootstrap
    self.initialToken = initialToken
    self.jmxPort = jmxPort
    self.remoteDebugPort = remoteDebugPort
    self.dockerImage = dockerImage
    self.binaryPort = binaryPort
  }
}
