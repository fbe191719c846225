/// What a command hands back: its exit status, a structured value (the same data its text
/// output shows) and, when it failed, why, as a value.
///
/// Nothing on the way renders the failure: the CLI edge (`CommandTable.run`) prints it once as
/// `ccmsh: error: …`, and the language host (`TableHost`) turns it into the script's failure
/// without reading any text back.
struct CommandOutcome: Sendable, Equatable {
  var status: ExitStatus
  var value: CommandValue
  /// Why the command failed; nil on success and for a failure the output already explains
  /// (a script's own reports under `run`, `checklogerror`'s findings).
  var failure: CommandFailure? = nil
  /// The fields a script sees in `$(…)` besides `.ok .code .out .err`, as the command declares
  /// them (`ShellCommand.scriptFields`); filled in by the command table.
  var fields: [CommandValue.Field] = []

  /// Success with `value`.
  static func ok(_ value: CommandValue = .null) -> CommandOutcome {
    CommandOutcome(status: .ok, value: value)
  }

  /// A failed command: its status comes from the failure (usage or not).
  static func failed(_ failure: CommandFailure, value: CommandValue = .null) -> CommandOutcome {
    CommandOutcome(status: failure.isUsage ? .usage : .failure, value: value, failure: failure)
  }

  /// Set when the command failed for a reason outside the code under test (no runtime, image
  /// missing, engine error), for `run --bisect`.
  var infrastructureProblem: String? {
    guard let failure, failure.isInfrastructure else { return nil }
    return failure.message
  }
}
