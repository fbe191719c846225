import ArgumentParser
import CCMCore

/// `populate -n N`: nodes for a cluster that has none.
struct PopulateCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "populate", abstract: "Add nodes node1..nodeN to the current, empty cluster.")

  @OptionGroup var global: GlobalOptions
  @Option(name: [.short, .customLong("nodes")], help: "Nodes: N, or N:M:... per data center.")
  var nodes: String
  @Flag(name: .customLong("vnodes"), help: "256 vnodes per node instead of one balanced token.")
  var vnodes = false
  @Option(
    name: [.customShort("i"), .customLong("ipprefix")], help: "Address prefix, e.g. 127.0.1.")
  var ipPrefix: String?
  @Option(name: [.customShort("I"), .customLong("ip-format")], help: "Address format with %d.")
  var ipFormat: String?
  @OptionGroup var server: ServerArgumentOptions

  func validate() throws {
    if ipPrefix != nil && ipFormat != nil { throw ValidationError("use only one of -i and -I") }
  }

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let count = try NodeCount(parsing: nodes)
    let flags = server.imageFlags()
    if vnodes || ipPrefix != nil || ipFormat != nil || !flags.isEmpty {
      _ = try context.operations(global).modify(nil) { cluster throws(CCMError) in
        guard cluster.nodes.isEmpty else { return }
        try cluster.conf.setAddressing(prefix: ipPrefix, format: ipFormat)
        if vnodes { cluster.conf.setVnodes() }
        if !flags.isEmpty {
          cluster.conf.containerSettings = ContainerSettings(imageFlags: flags)
        }
      }
    }
    let cluster = try await context.cluster(global).populate(count: count)
    return .ok(
      .object([
        "cluster": .string(cluster.name), "nodes": .list(cluster.nodes.map { .string($0.name) }),
      ]))
  }
}
