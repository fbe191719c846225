import ArgumentParser
import CCMCore

/// The image an upgrade goes to: `--docker-image IMG` or `-v VERSION` (as `create` maps it).
struct UpgradeTargetOptions: ParsableArguments {
  @Option(name: .customLong("docker-image"), help: "The image to run the node(s) on.")
  var dockerImage: String?
  @Option(
    name: [.customShort("v"), .customLong("version")],
    help: "ScyllaDB version (release:2025.4, 2025.4.2): its image, as create -v maps it.")
  var version: String?
  @Flag(name: .customLong("scylla"), help: "The version (-v) is ScyllaDB's (as in scylla-ccm).")
  var scylla = false
  @Option(name: .customLong("stop-timeout"), help: "Seconds to wait after SIGTERM before SIGKILL.")
  var stopTimeout = 127

  func validate() throws {
    if (dockerImage == nil) == (version == nil) {
      throw ValidationError("give one of --docker-image IMAGE and -v VERSION")
    }
    if stopTimeout <= 0 { throw ValidationError("--stop-timeout must be positive") }
  }

  func image(_ context: CommandContext) throws -> String {
    if let dockerImage { return dockerImage }
    return try ScyllaVersionImage.image(
      for: version ?? "", scylla: scylla, environment: context.environment)
  }
}

/// How an upgrade is reported: one line and one object per node moved.
enum UpgradeReport {
  static func value(_ upgrade: NodeUpgrade) -> CommandValue {
    .object([
      "node": .string(upgrade.node), "from": .optional(upgrade.from), "to": .string(upgrade.to),
      "from_version": .optional(upgrade.fromVersion), "version": .optional(upgrade.toVersion),
    ])
  }

  static func line(_ upgrade: NodeUpgrade) -> String {
    let from = upgrade.from.map { $0 + (upgrade.fromVersion.map { " (\($0))" } ?? "") } ?? "?"
    return "\(upgrade.node): \(from) -> \(upgrade.to)"
      + (upgrade.toVersion.map { " (\($0))" } ?? "")
  }
}

/// `NODE upgrade (--docker-image IMG | -v VERSION)`: the node's container re-created on
/// another image over the same directories.
struct NodeUpgradeCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "upgrade", abstract: "Move the node to another image (version), in place.",
    discussion: """
      Drains the node, stops it gently, re-creates its container on the image with the same \
      name, address, directories and settings (the files handed to the new image's user when \
      it differs: root up to 2025.1, scylla from 2025.2), starts it and waits as start does. \
      A failure after the stop puts the node back on its old image. A rollback is an upgrade \
      to the old image.
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var target: UpgradeTargetOptions
  @OptionGroup var wait: StartWaitOptions

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    let image = try target.image(context)
    let upgraded = try await context.lifecycle(global).upgrade(
      node, to: image, options: wait.options(order: .sequential),
      stopTimeout: .seconds(target.stopTimeout))
    context.output.write(UpgradeReport.line(upgraded) + "\n")
    return .ok(UpgradeReport.value(upgraded))
  }
}

/// `upgrade (--docker-image IMG | -v VERSION) [--rolling]`: every node to another image.
struct UpgradeCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "upgrade", abstract: "Move every node to another image (version).",
    discussion: """
      --rolling: node by node, each awaited until the others see it up before the next; \
      otherwise every node is stopped, then all start on the new image. Nodes already on the \
      image are left alone; a failure stops the roll and says which node is on which image. \
      When every node runs the image, it becomes the cluster's.
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var target: UpgradeTargetOptions
  @Flag(name: .customLong("rolling"), help: "One node at a time, the cluster serving.")
  var rolling = false
  @OptionGroup var wait: StartWaitOptions

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let image = try target.image(context)
    let upgraded = try await context.lifecycle(global).upgradeCluster(
      to: image, rolling: rolling, options: wait.options(order: .sequential),
      stopTimeout: .seconds(target.stopTimeout))
    if upgraded.isEmpty { context.output.write("every node already runs \(image)\n") }
    for upgrade in upgraded { context.output.write(UpgradeReport.line(upgrade) + "\n") }
    return .ok(.list(upgraded.map(UpgradeReport.value)))
  }
}

extension NodeUpgradeCommand: ClusterWriting {}
extension UpgradeCommand: ClusterWriting {}
