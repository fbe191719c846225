import ArgumentParser
import CCMCore
import Foundation

/// The one place errors become text and exit statuses: a single line on stderr,
/// `ccmsh: error: <message>`.
enum ErrorReport {
  /// How every error line starts (the script bridge recognises error lines by it).
  static let prefix = "ccmsh: error: "

  /// The error line itself; every error ccmsh prints, wherever it is printed, reads this way.
  static func line(_ message: String) -> String { prefix + message + "\n" }

  /// An argument-parser error (or help request) for a command under `root`.
  static func parseFailure(
    _ error: Error, arguments: [String], root: ParsableCommand.Type, to output: any OutputSink
  ) -> CommandResult {
    if root.exitCode(for: error) == .success {
      output.write(helpText(root: root, arguments: arguments))
      return .ok()
    }
    return usage(root.message(for: error), to: output)
  }

  /// An error thrown while a command ran.
  static func commandFailure(_ error: Error, to output: any OutputSink) -> CommandResult {
    switch error {
    case let error as CCMError:
      output.writeError(line(error.message))
      return CommandResult(
        status: error.isUsageError ? .usage : .failure, value: .null,
        infrastructureProblem: error.isInfrastructure ? error.message : nil)
    case let error as ContainerError:
      output.writeError(line(error.message))
      return CommandResult(
        status: .failure, value: .null,
        infrastructureProblem: error.isInfrastructure ? error.message : nil)
    case let error as ValidationError:
      return usage(error.message, to: output)
    default:
      output.writeError(line("\(error)"))
      return CommandResult(status: .failure, value: .null)
    }
  }

  /// A usage error with its message.
  static func usage(_ message: String, to output: any OutputSink) -> CommandResult {
    output.writeError(line(oneLine(message)))
    return CommandResult(status: .usage, value: .null)
  }

  /// The first line of a parser message; when it ends in `:` the bulleted list of accepted
  /// values that follows (`  - KILL`) is folded into it, so the one line is complete.
  static func oneLine(_ message: String) -> String {
    let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    guard let first = lines.first else { return message }
    let items = lines.dropFirst().prefix { $0.hasPrefix("- ") }.map { $0.dropFirst(2) }
    guard first.hasSuffix(":"), !items.isEmpty else { return first }
    return first + " " + items.joined(separator: ", ")
  }

  /// Help for the subcommand named in `arguments` (`create --help`, `help create`), else the
  /// root's.
  ///
  /// Argument parser answers a help request by returning its own help command, whose text we render
  /// here so it reaches the output sink.
  static func helpText(root: ParsableCommand.Type, arguments: [String]) -> String {
    let subcommands = root.configuration.subcommands
    let named = arguments.lazy.compactMap { word in
      subcommands.first { $0._commandName == word }
    }.first
    return named.map { root.helpMessage(for: $0) } ?? root.helpMessage()
  }
}
