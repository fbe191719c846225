import ArgumentParser

/// A cluster-level command of the table (`ccmsh create ...`).
protocol ShellCommand: GlobalCommand {
  /// Runs the command; text goes to `context.output`, the outcome carries the same data.
  func execute(in context: CommandContext) async throws -> CommandOutcome

  /// The fields `$(…)` of this command shows besides `.ok .code .out .err`, from its value.
  static func scriptFields(_ value: CommandValue) -> [CommandValue.Field]
}

/// A node-level command (`ccmsh NODE show ...`), dispatched as in ccm.
protocol NodeShellCommand: GlobalCommand {
  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome

  /// The fields `$(NODE …)` of this command shows besides `.ok .code .out .err`.
  static func scriptFields(_ value: CommandValue) -> [CommandValue.Field]
}

extension ShellCommand {
  static func scriptFields(_ value: CommandValue) -> [CommandValue.Field] {
    value.scriptFields(listName: "items")
  }
}

extension NodeShellCommand {
  static func scriptFields(_ value: CommandValue) -> [CommandValue.Field] {
    value.scriptFields(listName: "items")
  }
}

extension CommandValue {
  /// The usual script fields of a value: an object's keys as they are, a list under
  /// `listName`, a scalar under `value`, nothing for null.
  func scriptFields(listName: String) -> [Field] {
    switch self {
    case .null: return []
    case .object(let fields): return fields
    case .list: return [Field(key: listName, value: self)]
    default: return [Field(key: "value", value: self)]
    }
  }
}

extension OutputFormat {
  /// Prints `value` as JSON, or the text `lines` otherwise.
  func emit(_ value: CommandValue, lines: @autoclosure () -> [String], to output: any OutputSink) {
    switch self {
    case .json: output.write(JSONRenderer.render(value))
    case .text:
      let text = lines()
      if !text.isEmpty { output.write(text.joined(separator: "\n") + "\n") }
    }
  }
}
