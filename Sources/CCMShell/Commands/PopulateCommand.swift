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
    let count = try NodeCount(parsing: nodes)
    let cluster =
      try context.isContainerCluster(global)
      ? try await ContainerClusterSetup(
        operations: context.operations(global), environment: context.environment,
        runner: context.runner
      ).populate(nil, count: count)
      : try context.operations(global).populate(nil, count: count)
    return .ok(
      .object([
        "cluster": .string(cluster.name), "nodes": .list(cluster.nodes.map { .string($0.name) }),
      ]))
  }
}
