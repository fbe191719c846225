/// What a name names, for error messages.
public enum NameKind: String, Sendable {
  case cluster
  case node
  case dataCenter = "data center"
  case rack
}

/// Every failure the cluster model, its store and its operations report.
///
/// The cases carry data, not text: `message` is the single place that renders them, so the CLI,
/// the REPL and scripts print the same words.
public enum CCMError: Error, Equatable, Sendable {
  /// A name with characters other than letters, digits, `_`, `.`, `-`, or one that is `..`-ish.
  case invalidName(kind: NameKind, name: String)
  /// A cluster name the config dir uses for something else (`CURRENT`, `repository`, ...).
  case reservedName(String)
  case nameTooLong(kind: NameKind, length: Int, limit: Int)
  /// No directory with a cluster.conf under the config dir has this name.
  case clusterNotFound(String)
  /// `create` of a name that already has a directory.
  case clusterExists(String)
  /// A command needs a cluster, none was named and CURRENT is missing or empty.
  case noCurrentCluster
  /// The cluster has no node of this name.
  case nodeNotFound(node: String, cluster: String)
  /// `add` of a node name the cluster already has.
  case nodeExists(node: String, cluster: String)
  /// `add` of an address another node already uses.
  case addressInUse(address: String, node: String)
  /// `populate` of a cluster that already has nodes.
  case clusterHasNodes(String)
  /// `-n` that is not `N` or `N:M:...` of whole numbers with at least one node.
  case malformedNodeCount(String)
  /// An `updateconf` argument that is not `key:value`, or whose value is not YAML.
  case malformedSetting(String)
  /// A YAML file that does not parse; `line` is 1-based when known.
  case malformedYAML(file: String, line: Int?, problem: String)
  /// A state file that parses but lacks a key or has a value of the wrong type.
  case invalidState(file: String, problem: String)
  /// Options that contradict each other or a value outside its range.
  case invalidArgument(String)
  /// Another ccmsh process holds the cluster's lock.
  case clusterLocked(cluster: String, lockFile: String)
  /// Another ccmsh process is changing the cluster (`ClusterWriterLock`).
  case clusterBusy(String)
  /// A file-system operation failed.
  case fileSystem(path: String, problem: String)
  /// A container cluster's image is not in the runtime and `--pull-image` was not given.
  case imageNotFound(image: String, runtime: String)
  /// The command needs a container cluster (`create --docker-image`).
  case notAContainerCluster(String)
  /// A node's container stopped while ccmsh waited for it to start.
  case nodeExited(node: String, exitCode: Int32, lastLogLines: [String])
  /// The node's server died while ccmsh waited for it to start, its container still running
  /// (the image's supervisor logged it): `how` is the supervisor's words.
  case serverDied(node: String, how: String, lastLogLines: [String])
  /// A wait ran out of time: which node, what for, how long, and the node's last log lines.
  case waitTimedOut(node: String, awaited: String, seconds: Int, lastLogLines: [String])
  /// The command needs the node running (or paused, or stopped) and it is not.
  case nodeState(node: String, problem: String)
  /// The host cannot give the node what it needs (kernel AIO contexts, disk, memory): the
  /// machine's limit, not the code under test (`run --bisect` exits 125).
  case hostLimit(node: String, problem: String)
  /// A tool run in a node (`nodetool status`) gave no answer within its timeout; the engine
  /// answered, so the node (or a peer it waits for) is what hung.
  case toolHung(node: String, command: String, seconds: Int)
  /// A container engine call failed; `message` is the container layer's own text.
  case container(String)
  /// `upgrade` could not finish: what failed and on which image each node is now.
  case upgradeFailed(node: String, detail: String)

  /// The one-line, human-readable text for this error.
  public var message: String {
    switch self {
    case .invalidName(let kind, let name):
      return "invalid \(kind.rawValue) name '\(name)': use letters, digits, '_', '.' and '-',"
        + " starting with a letter or digit (no '..', no '/')"
    case .nameTooLong(let kind, let length, let limit):
      return "\(kind.rawValue) name is too long (\(length) characters; at most \(limit))"
    case .reservedName(let name):
      return "'\(name)' is reserved in the config dir; choose another cluster name"
    case .clusterNotFound(let name):
      return "cluster '\(name)' does not exist (see '\(ProgramName.current) list')"
    case .clusterExists(let name):
      return "cluster '\(name)' already exists"
    case .noCurrentCluster:
      return "no current cluster: use '\(ProgramName.current) switch NAME' or "
        + "'\(ProgramName.current) create NAME'"
    case .nodeNotFound(let node, let cluster):
      return "cluster '\(cluster)' has no node '\(node)'"
    case .nodeExists(let node, let cluster):
      return "cluster '\(cluster)' already has a node '\(node)'"
    case .addressInUse(let address, let node):
      return "address \(address) is already used by \(node)"
    case .clusterHasNodes(let name):
      return "cluster '\(name)' already has nodes; use 'add' for more"
    case .malformedNodeCount(let text):
      return
        "malformed node count '\(text)': expected N or N:M:... (whole numbers, at least one node)"
    case .malformedSetting(let text):
      return "malformed setting '\(text)': expected key:value with a YAML value"
    case .malformedYAML(let file, let line, let problem):
      let location = line.map { "\(file):\($0)" } ?? file
      return "\(location): invalid YAML: \(problem)"
    case .invalidState(let file, let problem):
      return "\(file): \(problem)"
    case .invalidArgument(let text):
      return text
    case .clusterLocked(let cluster, let lockFile):
      return "cluster '\(cluster)' is locked by another ccmsh process (\(lockFile)); try again"
    case .clusterBusy(let cluster):
      return "cluster '\(cluster)' is busy: another ccmsh is changing it; try again when it ends"
    case .fileSystem(let path, let problem):
      return "\(path): \(problem)"
    case .imageNotFound(let image, let runtime):
      return "image '\(image)' is not in \(runtime): run '\(runtime) pull \(image)'"
        + " or give --pull-image (for the test image: scripts/build-test-node-image)"
    case .notAContainerCluster(let name):
      return "cluster '\(name)' has no docker_image: create it with --docker-image IMAGE"
    case .nodeExited(let node, let exitCode, let lines):
      return "\(node): container exited with code \(exitCode) while starting"
        + Self.logTail(lines)
    case .serverDied(let node, let how, let lines):
      return "\(node): scylla died while starting (\(how))" + Self.logTail(lines)
    case .waitTimedOut(let node, let awaited, let seconds, let lines):
      return "\(node): no \(awaited) after \(seconds) s (raise it with --timeout)"
        + Self.logTail(lines)
    case .nodeState(let node, let problem), .hostLimit(let node, let problem):
      return "\(node): \(problem)"
    case .toolHung(let node, let command, let seconds):
      return "\(node): `\(command)` did not answer within \(seconds) s and was stopped; the node"
        + " (or a peer it waits for) may be hung (--timeout D waits longer)"
    case .container(let text):
      return text
    case .upgradeFailed(let node, let detail):
      return "\(node): upgrade failed: \(detail)"
    }
  }

  /// The last log lines, indented under the one-line summary.
  private static func logTail(_ lines: [String]) -> String {
    guard !lines.isEmpty else { return " (no log output)" }
    return "; last log lines:\n" + lines.map { "    " + $0 }.joined(separator: "\n")
  }

  /// True for errors in what the user typed (as opposed to the state or the machine).
  public var isUsageError: Bool {
    switch self {
    case .invalidName, .reservedName, .nameTooLong, .malformedNodeCount, .malformedSetting,
      .invalidArgument:
      true
    default: false
    }
  }
}

extension CCMError: CustomStringConvertible {
  public var description: String { message }
}
