import ArgumentParser
import CCMCore

/// The one place errors become text and exit statuses: a single line on stderr,
/// `ccmsh: error: <message>`.
enum ErrorReport {
  /// An argument-parser error (or help request) for a command under `root`.
  static func parseFailure(
    _ error: Error, root: ParsableCommand.Type, to output: any OutputSink
  ) -> CommandResult {
    if root.exitCode(for: error) == .success {
      output.write(root.fullMessage(for: error) + "\n")
      return .ok()
    }
    return usage(root.message(for: error), to: output)
  }

  /// An error thrown while a command ran.
  static func commandFailure(_ error: Error, to output: any OutputSink) -> CommandResult {
    switch error {
    case let error as CCMError:
      output.writeError("ccmsh: error: \(error.message)\n")
      return CommandResult(status: error.isUsageError ? .usage : .failure, value: .null)
    case let error as ValidationError:
      return usage(error.message, to: output)
    default:
      output.writeError("ccmsh: error: \(error)\n")
      return CommandResult(status: .failure, value: .null)
    }
  }

  /// A usage error with its message.
  static func usage(_ message: String, to output: any OutputSink) -> CommandResult {
    let line = message.split(separator: "\n").first.map(String.init) ?? message
    output.writeError("ccmsh: error: \(line)\n")
    return CommandResult(status: .usage, value: .null)
  }
}
