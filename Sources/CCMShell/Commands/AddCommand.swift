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
  @OptionGroup var container: ContainerSettingsOptions

  func validate() throws {
    if CommandTable.reservedWords.contains(node) {
      throw ValidationError(
        "'\(node)' cannot name a node: it is a command or keyword, so `\(node) show` would not "
          + "reach the node; choose another name (node4, n4, …)")
    }
    if let token, Int64(token) == nil { throw ValidationError("--token must be a 64-bit integer") }
  }

  func execute(in context: CommandContext) async throws -> CommandResult {
    let spec = NodeSpec(
      name: node, seed: seed ? .seed : .nonSeed, address: address, dataCenter: dataCenter,
      rack: rack, bootstrap: autoBootstrap ? .autoBootstrap : .noBootstrap, initialToken: token,
      jmxPort: jmxPort, remoteDebugPort: remoteDebugPort, dockerImage: dockerImage)
    let added =
      try context.isContainerCluster(global)
      ? try await ContainerClusterSetup(
        operations: context.operations(global), environment: context.environment,
        runner: context.runner
      ).add(spec, to: nil, settings: container.settings())
      : try context.operations(global).add(spec, to: nil)
    return .ok(NodeReport.value(added, detailed: true))
  }
}
