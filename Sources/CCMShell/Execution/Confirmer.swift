/// Asks the person at the prompt before a command destroys something; true to go ahead.
///
/// The commands are `clear`, `remove`, `NODE clear` and `NODE remove`: `clear` is also a
/// terminal habit, and ccm's `clear` deletes every node's data.
///
/// Only a statement typed at the REPL prompt has one; the shell, scripts, `-c` and stdin never
/// ask (scylla-ccm never asks, and nothing is there to answer).
typealias Confirmer = @Sendable (_ question: String) async -> Bool

extension CommandContext {
  /// Goes ahead when nobody is asked or the answer is yes; otherwise fails, naming what was
  /// left alone.
  func confirm(_ question: String, declined: String) async throws {
    guard let confirmation, !(await confirmation(question)) else { return }
    try Task.checkCancellation()
    throw CommandFailure(text: "not confirmed: \(declined)")
  }

  /// Says what a destructive command did, to a person on a terminal (scripts stay quiet, as
  /// scylla-ccm's commands are).
  func tell(_ done: String) {
    if terminal || confirmation != nil { output.write(done + "\n") }
  }
}

/// "3 nodes", "1 node".
func counted(_ count: Int, _ noun: String) -> String {
  "\(count) \(noun)\(count == 1 ? "" : "s")"
}
