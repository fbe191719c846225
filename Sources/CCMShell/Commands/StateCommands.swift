import ArgumentParser
import CCMCore

/// `switch NAME`: make a cluster current.
struct SwitchCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "switch", abstract: "Make a cluster the current one.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "Cluster name.") var name: String

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    try context.operations(global).switchCurrent(to: name)
    return .ok(.string(name))
  }
}

/// `remove [NAME]`: delete a cluster's state (the current cluster by default).
struct RemoveCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove", abstract: "Remove a cluster (default: the current one).")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "Cluster name.") var name: String?

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let cluster = try await context.cluster(global, named: name)
    try await cluster.remove()
    return .ok(.string(cluster.name))
  }
}

/// `clear`: empty every node's data directories, keeping configuration.
struct ClearCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "clear", abstract: "Delete all nodes' data, keeping their configuration.")

  @OptionGroup var global: GlobalOptions

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    try await context.cluster(global).clear(node: nil, scope: .data)
    return .ok()
  }
}

/// `NODE remove`: take a node out of the cluster and delete its directory.
struct NodeRemoveCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove", abstract: "Remove the node from the current cluster.")

  @OptionGroup var global: GlobalOptions

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    try await context.cluster(global).removeNode(node)
    return .ok(.string(node))
  }
}

/// `NODE clear [-a]`: empty one node's data directories.
struct NodeClearCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "clear", abstract: "Delete the node's data, keeping its configuration.")

  @OptionGroup var global: GlobalOptions
  @Flag(name: [.short, .customLong("all")], help: "Also delete the node's logs.") var all = false

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    let scope: ClearScope = all ? .dataAndLogs : .data
    try await context.cluster(global).clear(node: node, scope: scope)
    return .ok()
  }
}
