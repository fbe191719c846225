import CCMCore
import Foundation

/// A command typed on the shell shows, on a terminal, what it is waiting for once it has taken
/// a while (`start --wait-for-binary-proto: node3: waiting for a CQL handshake  12s`), as
/// compose and `kubectl rollout status` do: on stderr, cleared before the command's own output,
/// never over an attached session (`TerminalOwnership`), and nothing at all when stderr is no
/// terminal or under `NO_COLOR` / `TERM=dumb`.
enum ShellProgress {
  /// Whether the shell shows progress for this process.
  static func enabled(environment: [String: String]) -> Bool {
    OutputStyle.detect(fd: STDERR_FILENO, environment: environment).colour
  }

  /// Runs `arguments` through the table, with `progress` shown while it lasts (none for `run`,
  /// whose scripts show their own).
  static func run(
    _ words: GlobalWords, in context: CommandContext, progress: DelayedProgress?
  ) async -> CommandOutcome {
    guard let progress, words.rest.first != "run" else {
      return await CommandTable.run(words, in: context)
    }
    var context = context
    context.output = ProgressClearingOutput(base: context.output, progress: progress)
    // One line for the whole command: the node tools' own line would fight it.
    context.progress = nil
    return await progress.during(words.rest.joined(separator: " ")) { [context] in
      await CommandTable.run(words, in: context)
    }
  }
}

/// Output that removes the live line before anything is written, so the two never share a line.
struct ProgressClearingOutput: OutputSink {
  let base: any OutputSink
  let progress: DelayedProgress

  func write(_ text: String) {
    progress.clear()
    base.write(text)
  }

  func writeError(_ text: String) {
    progress.clear()
    base.writeError(text)
  }
}
