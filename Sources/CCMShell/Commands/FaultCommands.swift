import ArgumentParser
import CCMCore

/// `partition GROUP GROUP...`: nodes in different groups can no longer reach each other.
struct PartitionCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "partition",
    abstract: "Cut the cluster network between groups of nodes (e.g. node1,node2 node3).",
    discussion: """
      The largest group stays on the cluster network; the other groups' nodes are disconnected \
      from it (so they cannot reach each other either). Undo with 'heal'.
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: "Groups: comma-separated node names.") var groups: [String]

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let (groups, record) = try await context.container(global).partition(groups)
    let cut = record.isolated.map(\.node)
    context.output.write("disconnected: \(cut.joined(separator: ", "))\n")
    return .ok(
      .object([
        "groups": .list(groups.map { .list($0.map(CommandValue.string)) }),
        "disconnected": .list(cut.map(CommandValue.string)),
      ]))
  }
}

/// `heal`: undo `partition` (idempotent).
struct HealCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "heal", abstract: "Reconnect the nodes a partition cut off.")

  @OptionGroup var global: GlobalOptions

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let healed = try await context.container(global).faults().heal()
    if !healed.isEmpty { context.output.write("reconnected: \(healed.joined(separator: ", "))\n") }
    return .ok(.list(healed.map(CommandValue.string)))
  }
}
