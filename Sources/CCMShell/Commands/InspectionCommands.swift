import ArgumentParser
import CCMCore

/// `list`: every cluster, `*` marking the current one.
struct ListCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List clusters ('*' marks the current one).")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var format: OutputFormatOptions

  /// `$(list).clusters`.
  static func scriptFields(_ value: CommandValue) -> [CommandValue.Field] {
    value.scriptFields(listName: "clusters")
  }

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let store = context.store(global)
    let current = store.currentClusterName()
    let names = store.clusterNames()
    let value = CommandValue.list(
      names.map { .object(["name": .string($0), "current": .bool($0 == current)]) })
    format.format.emit(
      value, lines: names.map { " \($0 == current ? "*" : " ")\($0)" }, to: context.output)
    return .ok(value)
  }
}

/// `status [-v]`: the current cluster's nodes and their states.
struct StatusCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "status", abstract: "Show the state of each node of the current cluster.")

  @OptionGroup var global: GlobalOptions
  @Flag(name: .shortAndLong, help: "Also show addresses, ports and tokens.")
  var verbose = false
  @OptionGroup var format: OutputFormatOptions

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let handle = try await context.cluster(global)
    let cluster = handle.snapshot
    if let containers = handle.containers { return try await live(cluster, containers, context) }
    let value = CommandValue.object([
      "cluster": .string(cluster.name),
      "nodes": .list(cluster.nodes.map { NodeReport.value($0, detailed: verbose) }),
    ])
    format.format.emit(value, lines: textLines(cluster), to: context.output)
    return .ok(value)
  }

  /// A container cluster: the runtime's state of every node in one engine call.
  private func live(
    _ cluster: Cluster, _ containers: ContainerLifecycle, _ context: CommandContext
  ) async throws -> CommandOutcome {
    // The tag check is one more engine call, for the image fields only `--json` shows.
    let check = verbose && format.json
    let status = try await containers.status(imageCheck: check ? .check : .skip)
    let pairs = Array(zip(cluster.nodes, status.nodes))
    var fields: [CommandValue.Field] = [
      .init(key: "cluster", value: .string(cluster.name)),
      .init(
        key: "nodes", value: .list(pairs.map { LiveNodeReport.value($0, $1, detailed: verbose) })),
    ]
    if verbose { fields.append(.init(key: "image", value: LiveNodeReport.imageValue(status))) }
    let value = CommandValue.object(fields)
    let lines = LiveNodeReport.ccmStatus(cluster.name, pairs, verbose: verbose)
    format.format.emit(value, lines: lines, to: context.output)
    return .ok(value)
  }

  /// ccm's `Cluster.show`.
  private func textLines(_ cluster: Cluster) -> [String] {
    let header = "Cluster: '\(cluster.name)'"
    var lines = [header, String(repeating: "-", count: header.count)]
    if cluster.nodes.isEmpty { return lines + ["No node in this cluster yet"] }
    for node in cluster.nodes {
      lines +=
        verbose ? NodeReport.detailLines(node, cluster: nil) + [""] : [NodeReport.statusLine(node)]
    }
    return lines
  }
}

/// `liveset`: the live nodes' addresses (a loopback node's published one), comma-separated.
struct LivesetCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "liveset", abstract: "Print the addresses of the live nodes.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var format: OutputFormatOptions

  /// `$(liveset).ips`.
  static func scriptFields(_ value: CommandValue) -> [CommandValue.Field] {
    value.scriptFields(listName: "ips")
  }

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let addresses = try await context.cluster(global).liveAddresses()
    let value = CommandValue.list(addresses.map(CommandValue.string))
    format.format.emit(value, lines: [addresses.joined(separator: ",")], to: context.output)
    return .ok(value)
  }
}

/// `NODE show`: one node in detail.
struct ShowCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Show a node's state, addresses and token.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var format: OutputFormatOptions

  /// The node's fields, plus `.address` so a script need not dig through `.storage`.
  static func scriptFields(_ value: CommandValue) -> [CommandValue.Field] {
    var fields = value.scriptFields(listName: "items")
    if let address = value["storage"]?["address"] {
      fields.removeAll { $0.key == "address" }
      fields.append(CommandValue.Field(key: "address", value: address))
    }
    return fields
  }

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    let handle = try await context.cluster(global)
    let cluster = handle.snapshot
    let conf = try cluster.node(named: node)
    let alternator = AlternatorPorts.read(nodeDirectory: cluster.nodeDirectory(node))
    guard let containers = handle.containers else {
      let address = conf.storage?.host
      guard case .object(let fields) = NodeReport.value(conf, detailed: true) else { return .ok() }
      let value = CommandValue.object(
        fields + AlternatorPorts.fields(alternator, address: address))
      format.format.emit(
        value,
        lines: NodeReport.detailLines(conf, cluster: cluster.name)
          + AlternatorPorts.lines(alternator, node: node, address: address),
        to: context.output)
      return .ok(value)
    }
    let status = try await containers.status(imageCheck: .check)
    guard let live = status.nodes.first(where: { $0.name == node }) else {
      throw CCMError.nodeNotFound(node: node, cluster: cluster.name)
    }
    guard case .object(var fields) = LiveNodeReport.value(conf, live, detailed: true) else {
      return .ok()
    }
    fields += AlternatorPorts.fields(alternator, address: live.address)
    // `image` and `version` are the node's own (`$(node3 show).version`); the cluster's
    // image and its drift check are beside them.
    fields.append(.init(key: "cluster_image", value: LiveNodeReport.imageValue(status)))
    let value = CommandValue.object(fields)
    format.format.emit(
      value,
      lines: LiveNodeReport.detailLines(conf, live, cluster: cluster.name)
        + AlternatorPorts.lines(alternator, node: node, address: live.address)
        + LiveNodeReport.imageLines(status),
      to: context.output)
    return .ok(value)
  }
}
