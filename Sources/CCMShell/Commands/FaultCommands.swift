import ArgumentParser
import CCMCore

/// `partition GROUP GROUP...`: nodes in different groups can no longer reach each other.
struct PartitionCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "partition",
    abstract: "Cut the cluster network between groups of nodes (e.g. node1,node2 node3).",
    discussion: """
      A group is comma-separated node, data-center or rack names. Where ccmsh can enter the \
      nodes' network namespaces (root, a local engine) each group stays whole and only traffic \
      between groups is dropped, at unchanged addresses; nodes named in no group reach everyone. \
      Elsewhere the largest group stays on the cluster network and the other groups' nodes are \
      disconnected from it (so they cannot reach each other either). Undo with 'heal'.
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: "Groups: comma-separated node, data-center or rack names.") var groups: [String]

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let cluster = try await context.container(global)
    let faults = try await cluster.linkFaults()
    if faults.available {
      let fault = try await faults.add(LinkFaultSpec.parse(["partition"] + groups))
      context.output.write("\(fault.id): \(fault.summary)\n")
      return .ok(LinkFaultRendering.value(fault))
    }
    let (groups, record) = try await cluster.partition(groups)
    let cut = record.isolated.map(\.node)
    context.output.write("disconnected: \(cut.joined(separator: ", "))\n")
    return .ok(
      .object([
        "groups": .list(groups.map { .list($0.map(CommandValue.string)) }),
        "disconnected": .list(cut.map(CommandValue.string)),
      ]))
  }
}

/// `fault KIND ...`: one fault between chosen nodes.
struct FaultCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "fault",
    abstract: "Set a network fault between nodes (cut, loss, rate, latency, partition).",
    discussion: """
      Forms: 'cut from SET to SET' (one way), 'loss PCT from SET to SET [both]', \
      'rate RATE from SET to SET' (e.g. 8mbit), 'latency MS [jitter MS] from SET to SET [both]' \
      (needs the kernel's netem), 'partition SET SET...'. A SET is comma-separated node, \
      data-center or rack names. Prints the fault's id; 'faults' lists them, 'heal ID' removes \
      one. Needs root and a local engine (ccmsh enters the nodes' network namespaces).
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The fault, e.g. loss 20% from node1 to node3.") var words: [String]

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let spec = try LinkFaultSpec.parse(words)
    let fault = try await context.container(global).linkFaults().add(spec)
    context.output.write("\(fault.id): \(fault.summary)\n")
    return .ok(LinkFaultRendering.value(fault))
  }
}

/// `faults`: the network faults in force.
struct FaultsCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "faults", abstract: "List the network faults in force, with their ids.")

  @OptionGroup var global: GlobalOptions

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let faults = try await context.container(global).linkFaults().list()
    for fault in faults {
      let links = fault.links.map { "\($0.from)->\($0.to)" }.joined(separator: " ")
      context.output.write("\(fault.id): \(fault.summary) [\(fault.effect): \(links)]\n")
    }
    return .ok(.list(faults.map(LinkFaultRendering.value)))
  }
}

/// `heal [ID]`: undo one fault, or every fault and partition (idempotent).
struct HealCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "heal",
    abstract: "Remove one network fault (by id), or all faults and partitions.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "The fault's id (see 'faults'); all when omitted.") var id: String?

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let cluster = try await context.container(global)
    let removed = try await cluster.linkFaults().heal(id)
    for fault in removed { context.output.write("healed \(fault.id): \(fault.summary)\n") }
    guard id == nil else { return .ok(.list(removed.map { .string($0.id) })) }
    let healed = try await cluster.faults().heal()
    if !healed.isEmpty { context.output.write("reconnected: \(healed.joined(separator: ", "))\n") }
    return .ok(.list(removed.map { .string($0.id) } + healed.map(CommandValue.string)))
  }
}

/// A fault as a command's value (scripts read `.id`, `.links`).
enum LinkFaultRendering {
  static func value(_ fault: LinkFault) -> CommandValue {
    .object([
      "id": .string(fault.id),
      "summary": .string(fault.summary),
      "effect": .string(fault.effect.description),
      "links": .list(
        fault.links.map { .object(["from": .string($0.from), "to": .string($0.to)]) }),
    ])
  }
}
