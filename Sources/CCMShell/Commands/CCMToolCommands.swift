import ArgumentParser
import CCMCore
import Foundation

/// scylla-ccm's cluster-wide `flush` and `compact`: the nodetool command on every running node.
enum EveryLiveNode {
  static func nodetool(
    _ command: String, global: GlobalOptions, in context: CommandContext
  ) async throws -> CommandOutcome {
    let cluster = try await context.container(global)
    let live = try await cluster.lifecycle.status().nodes.filter(\.isLive).map(\.name)
    var values: [CommandValue] = []
    for name in live {
      let output = try await Nodetool.run(try cluster.resolvedNode(name), [command])
      let result = ToolReport.finish(output, to: context.output)
      guard result.status == .ok else { return result }
      values.append(result.value)
    }
    return .ok(.list(values))
  }
}

/// `flush`: nodetool flush on every running node.
struct FlushCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "flush", abstract: "nodetool flush on every running node.")

  @OptionGroup var global: GlobalOptions

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    try await EveryLiveNode.nodetool("flush", global: global, in: context)
  }
}

/// `compact`: nodetool compact on every running node.
struct CompactCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "compact", abstract: "nodetool compact on every running node.")

  @OptionGroup var global: GlobalOptions

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    try await EveryLiveNode.nodetool("compact", global: global, in: context)
  }
}

/// `NODE versionfrombuild`: the ScyllaDB version the node runs.
///
/// gocql passes it as `-gocql.cversion`. A running node answers `nodetool version`; a stopped one
/// is read from its image's tag when the tag is a version.
struct VersionFromBuildCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "versionfrombuild", abstract: "Print the ScyllaDB version of the node's image.")

  @OptionGroup var global: GlobalOptions

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    let container = try await context.container(global)
    let live = try await container.lifecycle.status().nodes.first { $0.name == node }
    guard let live else {
      throw CCMError.nodeNotFound(node: node, cluster: container.name)
    }
    let version: String
    if live.isLive {
      let output = try await Nodetool.run(try container.resolvedNode(node), ["version"])
      guard output.succeeded, let answer = Self.releaseVersion(output.standardOutput) else {
        return ToolReport.finish(output, to: context.output)
      }
      version = answer
    } else {
      // status wrote nothing: the cluster as resolved is the cluster as stored.
      let cluster = container.snapshot
      let image = try cluster.image(of: cluster.node(named: node)) ?? ""
      guard let tag = Self.versionTag(image) else {
        throw CCMError.invalidArgument(
          "\(node) is not running and its image '\(image)' has no version tag: start it first")
      }
      version = tag
    }
    context.output.write(version + "\n")
    return .ok(.string(version))
  }

  /// `ReleaseVersion: 2025.1.3-0.20250101.abc` → `2025.1.3`.
  static func releaseVersion(_ text: String) -> String? {
    for line in text.split(separator: "\n") where line.hasPrefix("ReleaseVersion:") {
      let value = line.dropFirst("ReleaseVersion:".count).trimmingCharacters(in: .whitespaces)
      return String(value.split(separator: "-").first ?? Substring(value))
    }
    return nil
  }

  /// `scylladb/scylla:2025.1.3` → `2025.1.3`; nil when the tag is not a version.
  static func versionTag(_ image: String) -> String? {
    guard let colon = image.lastIndex(of: ":") else { return nil }
    let tag = image[image.index(after: colon)...]
    guard !tag.contains("/"), tag.first?.isNumber == true else { return nil }
    return String(tag)
  }
}
