/// The static check of command lines against the host's command definitions: `ccmsh check`
/// and the check before a script runs report `start --wait-for-binry-proto` or `statsu` at
/// their line, before the first command creates a cluster.
public protocol CommandLinter: Sendable {
  /// What is wrong with the command line `words`, or nil. A word is nil when only the run
  /// knows it (`$x`, `${…}`, `$(…)`); then only what is certain regardless may be reported.
  func problem(in words: [String?]) -> CommandProblem?
}

/// A command line the host would refuse.
public struct CommandProblem: Sendable, Equatable {
  public let message: String
  public let notes: [String]
  /// The word to point at; nil for the whole line.
  public let word: Int?

  public init(_ message: String, notes: [String] = [], word: Int? = nil) {
    self.message = message
    self.notes = notes
    self.word = word
  }
}
