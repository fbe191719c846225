import ArgumentParser
import CCMCore
import Synchronization

/// The clusters one script created or acted on, in the order it first did: what `run --logs`
/// collects and `run --bundle` packs, so neither ever takes the user's CURRENT cluster only
/// because it is current when the script ends.
///
/// The table notes each command as it parses it: `create NAME` once the cluster exists,
/// `switch NAME`, `remove NAME`, `stop NAME`, `--cluster NAME`, and for any other command on a
/// cluster the one it resolves to (CURRENT at that moment). Commands on no cluster (`list`,
/// `run`, `check`, `completion`, help) note nothing.
final class TouchedClusters: Sendable {
  struct Entry: Sendable, Hashable {
    /// The config directory (absolute).
    let root: String
    let name: String
  }

  private let entries = Mutex<[Entry]>([])

  var all: [Entry] { entries.withLock { $0 } }

  func add(_ entry: Entry) {
    entries.withLock { if !$0.contains(entry) { $0.append(entry) } }
  }

  /// Notes the cluster a parsed command acts on, before it runs; `create` is noted after
  /// (`noteCreated`), since a create that fails because the name is taken made nothing.
  func note(_ parsed: ParsableCommand, arguments: [String], in context: CommandContext) {
    if parsed is CreateCommand || parsed is ListCommand || parsed is RunCommand
      || parsed is CheckCommand || parsed is CompletionCommand
    {
      return
    }
    // The table has taken the global words out of the line (`GlobalWords`) and handed them to
    // the command, so they are read from the command first.
    let global = (parsed as? any GlobalCommand)?.global
    let root = ConfigDirectory.resolve(
      override: global?.configDirectory ?? Self.value(of: "--config-dir", in: arguments),
      environment: context.environment)
    let store = ClusterStore(
      root: root, target: global?.cluster ?? Self.value(of: "--cluster", in: arguments))
    let named: String?
    switch parsed {
    case let command as SwitchCommand: named = command.name
    case let command as RemoveCommand: named = command.name
    case let command as StopCommand: named = command.name
    default: named = nil
    }
    guard let name = try? store.resolveClusterName(named) else { return }
    add(Entry(root: root, name: name))
  }

  /// After `create NAME`: the cluster is the script's when it exists now and did not before.
  func noteCreated(_ command: CreateCommand, existedBefore: Bool, in context: CommandContext) {
    let root = ConfigDirectory.resolve(
      override: command.global.configDirectory, environment: context.environment)
    guard !existedBefore, ClusterStore(root: root).exists(command.name) else { return }
    add(Entry(root: root, name: command.name))
  }

  /// An option's value as the command's words give it (the last one wins, as when parsed).
  private static func value(of option: String, in arguments: [String]) -> String? {
    var value: String?
    for (index, word) in arguments.enumerated() {
      if word == "--" { break }
      if word == option, index + 1 < arguments.count {
        value = arguments[index + 1]
      } else if word.hasPrefix(option + "=") {
        value = String(word.dropFirst(option.count + 1))
      }
    }
    return value
  }
}
