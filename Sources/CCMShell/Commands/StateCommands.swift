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
    let nodes = counted(cluster.snapshot.nodes.count, "node")
    try await context.confirm(
      "remove cluster '\(cluster.name)' and delete its \(nodes)' data and logs? [y/N] ",
      declined: "cluster '\(cluster.name)' was not removed")
    try await cluster.remove()
    context.tell("removed cluster \(cluster.name) (\(nodes))")
    return .ok(.string(cluster.name))
  }
}

/// `clear`: empty every node's data directories, keeping configuration.
struct ClearCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "clear", abstract: "Delete all nodes' data, keeping their configuration.")

  @OptionGroup var global: GlobalOptions

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let cluster = try await context.cluster(global)
    let nodes = counted(cluster.snapshot.nodes.count, "node")
    try await context.confirm(
      "clear deletes the data of all \(nodes) of cluster '\(cluster.name)'. Go ahead? [y/N] ",
      declined: "nothing was cleared")
    try await cluster.clear(node: nil, scope: .data)
    context.tell("cleared \(nodes) of \(cluster.name)")
    return .ok()
  }
}

/// `NODE remove`: take a node out of the cluster and delete its directory.
struct NodeRemoveCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove", abstract: "Remove the node from the current cluster.")

  @OptionGroup var global: GlobalOptions

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    let cluster = try await context.cluster(global)
    if cluster.snapshot.nodes.contains(where: { $0.name == node }) {
      try await context.confirm(
        "remove \(node) from cluster '\(cluster.name)' and delete its data? [y/N] ",
        declined: "\(node) was not removed")
    }
    try await cluster.removeNode(node)
    context.tell("removed \(node) from \(cluster.name)")
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
    let cluster = try await context.cluster(global)
    let what = all ? "data and logs" : "data"
    if cluster.snapshot.nodes.contains(where: { $0.name == node }) {
      try await context.confirm(
        "clear deletes the \(what) of \(node) of cluster '\(cluster.name)'. Go ahead? [y/N] ",
        declined: "nothing was cleared")
    }
    try await cluster.clear(node: node, scope: scope)
    context.tell("cleared the \(what) of \(node) of \(cluster.name)")
    return .ok()
  }
}
