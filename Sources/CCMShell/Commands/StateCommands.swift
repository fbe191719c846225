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
    guard try context.isContainerCluster(global, cluster: name) else {
      return .ok(.string(try context.operations(global).remove(name)))
    }
    let lifecycle = try await context.lifecycle(global, cluster: name)
    try await lifecycle.removeCluster()
    return .ok(.string(lifecycle.runtime.clusterName))
  }
}

/// `clear`: empty every node's data directories, keeping configuration.
struct ClearCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "clear", abstract: "Delete all nodes' data, keeping their configuration.")

  @OptionGroup var global: GlobalOptions

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    if try context.isContainerCluster(global) {
      try await context.lifecycle(global).clear(nil, scope: .data)
    } else {
      try context.operations(global).clear(nil)
    }
    return .ok()
  }
}

/// `NODE remove`: take a node out of the cluster and delete its directory.
struct NodeRemoveCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove", abstract: "Remove the node from the current cluster.")

  @OptionGroup var global: GlobalOptions

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    if try context.isContainerCluster(global) {
      try await context.lifecycle(global).removeNode(node)
    } else {
      try context.operations(global).removeNode(node, from: nil)
    }
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
    if try context.isContainerCluster(global) {
      try await context.lifecycle(global).clear(node, scope: scope)
    } else {
      try context.operations(global).clear(nil, node: node, scope: scope)
    }
    return .ok()
  }
}
