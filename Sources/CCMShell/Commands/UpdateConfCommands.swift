import ArgumentParser
import CCMCore

/// The arguments of `updateconf`, shared by the cluster and node forms.
struct UpdateConfOptions: ParsableArguments {
  @Argument(help: "Settings as key:value (a.b:v nests; an empty value deletes the key).")
  var settings: [String] = []
  @Flag(name: .customLong("no-hh"), help: "Disable hinted handoff.") var noHintedHandoff = false
  @Flag(name: .customLong("no-hinted-handoff"), help: .hidden) var noHintedHandoffLong = false
  @Flag(name: .customLong("batch-cl"), help: "Batch commit-log sync.") var batchCommitLog = false
  @Flag(name: .customLong("batch-commit-log"), help: .hidden) var batchCommitLogLong = false
  @Option(name: .customLong("rt"), help: "All request timeouts, in ms.") var rpcTimeout: Int?
  @Option(name: .customLong("rpc-timeout"), help: .hidden) var rpcTimeoutLong: Int?
  @Option(name: [.short, .customLong("yaml")], help: "Settings as a YAML mapping (its keys win).")
  var yaml: String?

  func update() throws -> ConfigUpdate {
    var update = try ConfigUpdate(
      arguments: settings,
      hintedHandoff: noHintedHandoff || noHintedHandoffLong ? .disabled : .enabled,
      commitLogSync: batchCommitLog || batchCommitLogLong ? .batch : .periodic,
      rpcTimeoutMilliseconds: rpcTimeout ?? rpcTimeoutLong)
    if let yaml { try update.add(yaml: yaml) }
    return update
  }
}

/// `updateconf k:v ...`: change cluster-wide scylla.yaml options and regenerate every node's.
struct UpdateConfCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "updateconf", abstract: "Change scylla.yaml options for the whole cluster.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var options: UpdateConfOptions

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let cluster = try context.operations(global).updateConfiguration(
      try options.update(), cluster: nil)
    return .ok(.string(cluster.name))
  }
}

/// `NODE updateconf k:v ...`: change one node's options (they win over the cluster's).
struct NodeUpdateConfCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "updateconf", abstract: "Change scylla.yaml options for this node.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var options: UpdateConfOptions

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    try context.operations(global).updateConfiguration(
      try options.update(), cluster: nil, node: node)
    return .ok(.string(node))
  }
}
