/// ccmsh run as `ccm` (a link named `ccm` on PATH, or java's `ccm.path`, nodejs' `CCM_PATH`):
/// the drivers' test harnesses call it with scylla-ccm's words.
///
/// Every word they pass has a meaning in the command table except a few flags that mean nothing
/// for container nodes (Windows console handling, debug ports, profilers, package URIs). Those
/// are dropped here, before parsing, so a harness never sees `Unknown option`; everything else
/// parses as it does for `ccmsh`. Run as `ccmsh`, the same flags stay unknown: the table's own
/// surface does not grow no-ops.
enum CCMInvocation {
  /// Whether the program was started under the name `ccm`.
  static func isCCM(programPath: String) -> Bool {
    programPath.split(separator: "/").last == "ccm"
  }

  /// A flag with no effect for container nodes, and whether it takes a value.
  struct NoOpFlag: Sendable, Hashable {
    let names: [String]
    let takesValue: Bool
    /// Why it has no effect (docs/migrating-from-ccm.md lists these).
    let reason: String
  }

  private static let debugPorts = NoOpFlag(
    names: ["-d", "--debug"], takesValue: false,
    reason: "remote debug ports are a JVM feature; nodes run ScyllaDB in containers")
  private static let windows = NoOpFlag(
    names: ["--quiet-windows"], takesValue: false, reason: "Windows console handling")
  private static let root = NoOpFlag(
    names: ["--root"], takesValue: false,
    reason: "lets Cassandra run as root; containers run the image's user")
  private static let profile = NoOpFlag(
    names: ["--profile"], takesValue: false, reason: "the YourKit profiler agent is JVM-only")
  private static let profileOptions = NoOpFlag(
    names: ["--profile-opts"], takesValue: true, reason: "the YourKit profiler agent is JVM-only")
  private static let verbose = NoOpFlag(
    names: ["-v", "--verbose"], takesValue: false,
    reason: "ccmsh's waits report progress on stderr already")
  private static let gently = NoOpFlag(
    names: ["-g", "--gently"], takesValue: false, reason: "a gentle stop is the default")
  private static let binaryProtocol = NoOpFlag(
    names: ["-b", "--binary-protocol"], takesValue: false,
    reason: "CQL's binary protocol is always on")
  private static let logLevels = NoOpFlag(
    names: ["-D", "--debug-log", "-T", "--trace-log"], takesValue: false,
    reason: "log level flags of the JVM's log4j; use `ccmsh --log-level` for ccmsh itself")
  private static let noWait = NoOpFlag(
    names: ["--no-wait"], takesValue: false,
    reason: "the stop is quick for containers; ccmsh returns once the node is down")
  private static let thrift = NoOpFlag(
    names: ["-t", "--thrift-itf"], takesValue: true, reason: "ScyllaDB has no Thrift")
  private static let packages = NoOpFlag(
    names: [
      "--scylla-core-package-uri", "--scylla-tools-java-package-uri",
      "--scylla-jmx-package-uri", "--scylla-unified-package-uri",
    ], takesValue: true, reason: "relocatable packages; the image carries the server")

  /// No-op flags per command: a cluster command word, or `NODE <word>` for node commands.
  static let noOpFlags: [String: [NoOpFlag]] = [
    "create": [debugPorts, binaryProtocol, logLevels, profile, profileOptions, packages],
    "populate": [debugPorts],
    "add": [thrift],
    "start": [windows, root, profile, profileOptions, verbose],
    "stop": [verbose, gently, noWait],
    "restart": [windows, root, verbose],
    "NODE start": [windows, root, profile, profileOptions, verbose],
    "NODE stop": [verbose, gently, noWait],
    "NODE restart": [windows, root, verbose],
  ]

  /// scylla-ccm flags ccmsh cannot honour yet, and what to say instead of `Unknown option`.
  static let unsupportedFlags: [String: String] = [
    "--dse": "ccmsh runs ScyllaDB only, not DSE", "--hcd": "ccmsh runs ScyllaDB only, not HCD",
    "--scylla-manager": "Scylla Manager is not supported",
    "--scylla-manager-package": "Scylla Manager is not supported",
    "--sni-proxy": "the SNI proxy is not supported", "--sni-port": "the SNI proxy is not supported",
    "--hang-up": "stop --hang-up is not supported; use NODE kill HUP",
  ]

  /// A usage problem of a ccm command line.
  struct Unsupported: Error, Equatable {
    let message: String
  }

  /// The ccm command line (its global words read off) as ccmsh parses it: no-op flags dropped, unsupported ones refused with
  /// one clear line.
  static func translate(_ arguments: [String]) throws(Unsupported) -> [String] {
    // Only the lifecycle commands: cqlsh, nodetool and exec pass their words on (cqlsh has --ssl).
    let checked: Set<String> = ["create", "start", "stop", "NODE start", "NODE stop"]
    if let (key, _) = commandKey(arguments), checked.contains(key) {
      try refuseUnsupported(arguments)
    }
    return dropNoOpFlags(arguments)
  }

  private static func refuseUnsupported(_ arguments: [String]) throws(Unsupported) {
    for word in arguments {
      if word == "--" { break }
      let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
      if let message = unsupportedFlags[name] { throw Unsupported(message: message) }
    }
  }

  /// `arguments` (without the program name and its global words) with the no-op flags of its command removed.
  static func dropNoOpFlags(_ arguments: [String]) -> [String] {
    guard let (key, commandIndex) = commandKey(arguments), let flags = noOpFlags[key] else {
      return arguments
    }
    var kept = Array(arguments[...commandIndex])
    var index = commandIndex + 1
    while index < arguments.count {
      let word = arguments[index]
      if word == "--" {
        kept += arguments[index...]
        break
      }
      let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
      if let flag = flags.first(where: { $0.names.contains(name) }) {
        let valueFollows = flag.takesValue && !word.contains("=")
        index += valueFollows ? 2 : 1
        continue
      }
      kept.append(word)
      index += 1
    }
    return kept
  }

  /// The command key (`start`, `NODE start`) and the index of its command word (the global
  /// words are read off the line before: `GlobalWords`).
  private static func commandKey(_ arguments: [String]) -> (String, Int)? {
    guard let first = arguments.first else { return nil }
    if CommandTable.clusterCommandNames.contains(first) { return (first, 0) }
    guard arguments.count > 1 else { return nil }
    return ("NODE " + arguments[1], 1)
  }
}
