import ArgumentParser
import CCMCore

/// `add NODE`: one more node.
struct AddCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "add", abstract: "Add a node to the current cluster.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "Node name.") var node: String
  @Flag(name: [.short, .customLong("seeds")], help: "Make the node a seed.") var seed = false
  @Option(name: [.short, .customLong("data-center")], help: "Data center (default: node1's).")
  var dataCenter: String?
  @Option(name: .customLong("rack"), help: "Rack (default: node1's).") var rack: String?
  @Option(
    name: [.customShort("i"), .customLong("itf")], help: "Address, HOST or HOST:STORAGE_PORT.")
  var address: String?
  @Option(name: [.customShort("l"), .customLong("storage-itf")], help: "Storage HOST[:PORT].")
  var storageInterface: String?
  @Option(
    name: .customLong("binary-itf"),
    help: "CQL HOST[:PORT] (another port than 9042: published on a loopback HOST).")
  var binaryInterface: String?
  @Option(name: .customLong("docker-image"), help: "Image for this node (container clusters).")
  var dockerImage: String?
  @Flag(
    name: [.customShort("b"), .customLong("auto-bootstrap")], help: "Stream data when joining.")
  var autoBootstrap = false
  @Option(name: [.customShort("n"), .customLong("token")], help: "Initial token.") var token:
    String?
  @Option(name: [.short, .customLong("jmx-port")], help: "JMX port.") var jmxPort = 7199
  @Option(name: [.short, .customLong("remote-debug-port")], help: "Remote debug port.")
  var remoteDebugPort = "2000"
  @Flag(name: .customLong("scylla"), help: "Accepted for scylla-ccm compatibility.")
  var scylla = false
  @Option(
    name: .customLong("engine"),
    help: "The engine for this node: one of the cluster's (container clusters made with --engine).")
  var engine: String?
  @OptionGroup var container: ContainerSettingsOptions

  func validate() throws {
    if CommandTable.reservedWords.contains(node) {
      throw ValidationError(
        "'\(node)' cannot name a node: it is a command or keyword, so `\(node) show` would not "
          + "reach the node; choose another name (node4, n4, …)")
    }
    if let engine {
      do { _ = try EngineEndpoint(parsing: engine) } catch { throw ValidationError(error.message) }
    }
    if let token, Int64(token) == nil { throw ValidationError("--token must be a 64-bit integer") }
    if binaryInterface != nil, binaryPort == nil {
      throw ValidationError("--binary-itf takes HOST or HOST:PORT with a port from 1 to 65535")
    }
  }

  /// The port of `--binary-itf HOST:PORT` (9042 without one); nil when it is not a port.
  private var binaryPort: Int? {
    guard let binaryInterface else { return nil }
    let parts = binaryInterface.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return parts.count == 1 ? 9042 : nil }
    guard let port = Int(parts[1]), (1...65535).contains(port) else { return nil }
    return port
  }

  /// `-i`, else `-l` (storage), else the host of `--binary-itf`: scylla-ccm gives each interface
  /// its own flag; a container node has one address for all of them.
  private var nodeAddress: String? {
    address ?? storageInterface ?? binaryInterface.map { String($0.split(separator: ":")[0]) }
  }

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let spec = NodeSpec(
      name: node, seed: seed ? .seed : .nonSeed, address: nodeAddress, dataCenter: dataCenter,
      rack: rack, bootstrap: autoBootstrap ? .autoBootstrap : .noBootstrap, initialToken: token,
      jmxPort: jmxPort, remoteDebugPort: remoteDebugPort, dockerImage: dockerImage,
      binaryPort: binaryPort)
    let added = try await context.cluster(global).add(
      spec, settings: container.settings(),
      engine: try engine.map { text throws(CCMError) in try EngineEndpoint(parsing: text) })
    return .ok(NodeReport.value(added, detailed: true))
  }
}
