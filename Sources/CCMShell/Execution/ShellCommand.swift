import ArgumentParser

/// A cluster-level command of the table (`ccmsh create ...`).
protocol ShellCommand: ParsableCommand {
  /// Runs the command; text goes to `context.output`, the result carries the same data.
  func execute(in context: CommandContext) async throws -> CommandResult
}

/// A node-level command (`ccmsh NODE show ...`), dispatched as in ccm.
protocol NodeShellCommand: ParsableCommand {
  func execute(node: String, in context: CommandContext) async throws -> CommandResult
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
