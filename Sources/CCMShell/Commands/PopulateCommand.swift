import ArgumentParser
import CCMCore

/// `populate -n N`: nodes for a cluster that has none.
struct PopulateCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "populate", abstract: "Add nodes node1..nodeN to the current, empty cluster.")

  @OptionGroup var global: GlobalOptions
  @Option(name: [.short, .customLong("nodes")], help: "Nodes: N, or N:M:... per data center.")
  var nodes: String

  func execute(in context: CommandContext) async throws -> CommandResult {
    let cluster = try context.operations(global).populate(nil, count: NodeCount(parsing: nodes))
    return .ok(
      .object([
        "cluster": .string(cluster.name), "nodes": .list(cluster.nodes.map { .string($0.name) }),
      ]))
  }
}
