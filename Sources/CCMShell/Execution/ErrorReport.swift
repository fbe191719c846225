import ArgumentParser
import CCMCore
import Foundation

/// The one place errors become text: a single line on stderr, `ccmsh: error: <message>`.
///
/// Commands hand failures back as values (`CommandFailure`); only the CLI edge renders them.
enum ErrorReport {
  /// How every error line starts.
  static var prefix: String { ProgramName.current + ": error: " }

  /// The error line itself; every error ccmsh prints, wherever it is printed, reads this way.
  ///
  /// Run as `ccm`, the messages' own mentions of the program say `ccm` too.
  static func line(_ message: String) -> String {
    prefix + ProgramName.rename(message) + "\n"
  }

  /// Prints a command's failure: the CLI's one rendering of every error.
  static func render(_ failure: CommandFailure, to output: any OutputSink, colour: Bool = false) {
    output.writeError(paint(line(failure.text), colour: colour))
  }

  /// Colours `error:` red when `colour` (a terminal without NO_COLOR, `OutputStyle.colour`).
  static func paint(_ text: String, colour: Bool) -> String {
    guard colour else { return text }
    return text.replacingOccurrences(of: "error:", with: "\u{1B}[31merror:\u{1B}[0m")
  }

  /// A usage error with its message, folded to one line.
  ///
  /// `arguments` are the words parsed: a value with a newline in it (a capture's output) is
  /// shown escaped, so the message is not cut inside the value.
  static func usage(_ message: String, arguments: [String] = []) -> CommandFailure {
    CommandFailure(text: oneLine(escapingNewlines(in: message, of: arguments)), isUsage: true)
  }

  /// `message` with each of `arguments` that holds a line break written with `\n`/`\r`.
  static func escapingNewlines(in message: String, of arguments: [String]) -> String {
    var escaped = message
    for argument in Set(arguments) where argument.contains(where: \.isNewline) {
      let visible = argument.replacingOccurrences(of: "\r", with: "\\r")
        .replacingOccurrences(of: "\n", with: "\\n")
      escaped = escaped.replacingOccurrences(of: argument, with: visible)
    }
    return escaped
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
    return ProgramName.rename(named.map { root.helpMessage(for: $0) } ?? root.helpMessage())
  }
}
