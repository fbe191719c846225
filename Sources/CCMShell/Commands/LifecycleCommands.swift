import ArgumentParser
import CCMCore

/// `start`: every node of the current container cluster.
struct StartCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "start", abstract: "Start the cluster's nodes (one by one unless --parallel).")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var wait: StartWaitOptions
  @Flag(name: .customLong("parallel"), help: "Start all nodes at once, then wait for all.")
  var parallel = false
  @OptionGroup var server: ServerArgumentOptions

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    try server.record(for: nil, global: global, in: context)
    let started = try await context.lifecycle(global).start(
      nil, options: wait.options(order: parallel ? .parallel : .sequential))
    return .ok(.list(started.map(CommandValue.string)))
  }
}

/// `stop`: every node, gently unless `--not-gently`.
struct StopCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "stop", abstract: "Stop the cluster's nodes.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var flags: StopFlags
  @Argument(
    help: "The cluster to stop (scylla-ccm ignores this word; ccmsh stops that cluster).")
  var name: String?

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    try await context.lifecycle(global, cluster: name).stop(nil, mode: flags.mode)
    return .ok()
  }
}

/// `restart`: stop gently, then start.
struct RestartCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "restart", abstract: "Stop, then start the cluster's nodes.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var wait: StartWaitOptions
  @OptionGroup var flags: StopFlags

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    try await context.lifecycle(global).restart(
      nil, stopTimeout: flags.stopTimeout.duration, options: wait.options(order: .sequential))
    return .ok()
  }
}
