import ArgumentParser
import CCMCore

/// `NODE start [--env K=V] [--unset-env K] [--replace-address IP] [-j]`: start one node (it
/// joins the running cluster).
struct NodeStartCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "start", abstract: "Start the node.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var wait: StartWaitOptions
  @Option(name: .customLong("env"), help: "K=V for the node's container, kept in node.conf.")
  var environment: [String] = []
  @Option(
    name: .customLong("unset-env"),
    help: "Drop K from the node's container environment (an earlier --env; repeatable).")
  var unsetEnvironment: [String] = []
  @OptionGroup var server: ServerArgumentOptions
  @Option(
    name: .customLong("replace-address"),
    help: ArgumentHelp(
      "Replace the dead node at IP (its host id, from a running node, on first boot).",
      valueName: "IP"))
  var replaceAddress: String?
  @Flag(
    name: [.customShort("j"), .customLong("dont-join-ring")],
    help: "Accepted as in scylla-ccm (ScyllaDB ignores join_ring).")
  var dontJoinRing = false

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    try server.record(for: node, global: global, in: context)
    let container = try await context.container(global)
    if let replaceAddress {
      let flags = try await ReplaceAddress.flags(
        replacing: replaceAddress, for: node, in: container)
      try container.modify { (cluster: inout Cluster) throws(CCMError) in
        for index in cluster.nodes.indices where cluster.nodes[index].name == node {
          cluster.nodes[index].containerSettings = ContainerSettings(imageFlags: flags)
        }
      }
    }
    let extra = try ContainerSettingsOptions.pairs(environment, option: "--env")
    if !extra.isEmpty || !unsetEnvironment.isEmpty {
      try container.modify { (cluster: inout Cluster) throws(CCMError) in
        try Self.change(node, in: &cluster, set: extra, unset: unsetEnvironment)
      }
    }
    let started = try await container.lifecycle.start(
      [node], options: wait.options(order: .sequential))
    return .ok(.list(started.map(CommandValue.string)))
  }

  /// Sets and drops variables of `node`'s own environment, keeping its other settings.
  ///
  /// A variable set for the whole cluster (`create --env`) cannot be dropped for one node.
  static func change(
    _ node: String, in cluster: inout Cluster, set: [String: String], unset: [String]
  ) throws(CCMError) {
    _ = try cluster.node(named: node)
    let clusterWide = cluster.conf.containerSettings.environment
    if let name = unset.first(where: { clusterWide[$0] != nil }) {
      throw .invalidArgument(
        "--unset-env \(name): it is set for every node (create --env); override it with --env"
          + " \(name)=VALUE")
    }
    for index in cluster.nodes.indices where cluster.nodes[index].name == node {
      cluster.nodes[index].unsetEnvironment(unset)
      if !set.isEmpty {
        cluster.nodes[index].containerSettings = ContainerSettings(environment: set)
      }
    }
  }
}

/// `NODE stop [--not-gently]`.
struct NodeStopCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop the node.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var flags: StopFlags

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    try await context.lifecycle(global).stop([node], mode: flags.mode)
    return .ok()
  }
}

/// `NODE restart`.
struct NodeRestartCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "restart", abstract: "Stop the node gently, then start it.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var wait: StartWaitOptions
  @OptionGroup var flags: StopFlags

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    try await context.lifecycle(global).restart(
      [node], stopTimeout: flags.stopTimeout.duration, options: wait.options(order: .sequential))
    return .ok()
  }
}

/// `NODE kill [SIGNAL]` (default KILL): a signal to the node's server.
struct NodeKillCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "kill", abstract: "Send a signal (default KILL) to the node's server.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "Signal: KILL, TERM, HUP, INT, QUIT, STOP, CONT, USR1, USR2 or its number.")
  var signal: ContainerSignal = .kill

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    try await context.lifecycle(global).kill(node, signal: signal)
    return .ok()
  }
}

/// `NODE pause`: freeze the node's container.
struct NodePauseCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "pause", abstract: "Freeze the node (its container is paused).")

  @OptionGroup var global: GlobalOptions

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    try await context.lifecycle(global).pause(node)
    return .ok()
  }
}

/// `NODE resume`: thaw a paused node.
struct NodeResumeCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "resume", abstract: "Thaw a paused node.")

  @OptionGroup var global: GlobalOptions

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    try await context.lifecycle(global).resume(node)
    return .ok()
  }
}

/// `NODE decommission`.
struct NodeDecommissionCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "decommission", abstract: "Decommission the node (nodetool decommission).")

  @OptionGroup var global: GlobalOptions
  @Flag(
    name: .customLong("force"),
    help: "Accepted as in ccm (Cassandra's check of the replica count; ScyllaDB has none).")
  var force = false

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    try await context.lifecycle(global).decommission(node)
    return .ok()
  }
}
