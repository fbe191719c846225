import ArgumentParser
import CCMCore

/// Why a command failed, as a value: the one line the user reads, the lines that explain it,
/// and what kind of failure it is (usage → exit 64; infrastructure → `run --bisect`'s 125).
struct CommandFailure: Error, Sendable, Equatable {
  /// The first line of the error: what failed.
  var message: String
  /// Further lines (a crashed node's last log lines, what to do next).
  var notes: [String] = []
  var isUsage = false
  var isInfrastructure = false
  /// Waiting cannot change it (a node or cluster that does not exist): a script's
  /// `wait until` that reads it ends at once.
  var isPermanent = false

  /// A failure from a message that may span lines: the first is the message, the rest notes.
  init(text: String, isUsage: Bool = false, isInfrastructure: Bool = false) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    while lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
    message = lines.first ?? text
    notes = Array(lines.dropFirst())
    self.isUsage = isUsage
    self.isInfrastructure = isInfrastructure
  }

  /// The whole text, as the error line prints it.
  var text: String { ([message] + notes).joined(separator: "\n") }

  /// Any error a command throws, as a failure: ccmsh's own errors say what they are; anything
  /// else is a plain failure described by its `description`.
  static func from(_ error: any Error) -> CommandFailure {
    switch error {
    case let error as any UserFacingError: return error.failure
    case let error as ValidationError: return CommandFailure(text: error.message, isUsage: true)
    // Ctrl-C or SIGTERM cancelled the command: said as the REPL says it, not as a type name.
    case is CancellationError: return CommandFailure(text: "interrupted")
    default: return CommandFailure(text: "\(error)")
    }
  }
}

/// An error that knows how it reads to the user (SAP's `message(for:)` and `exitCode(for:)`,
/// as a value).
protocol UserFacingError: Error {
  var failure: CommandFailure { get }
}

extension CommandFailure: UserFacingError {
  var failure: CommandFailure { self }
}

extension CCMError: UserFacingError {
  var failure: CommandFailure {
    var failure = CommandFailure(
      text: message, isUsage: isUsageError, isInfrastructure: isInfrastructure)
    failure.isPermanent = isUsageError || cannotChangeByWaiting
    return failure
  }

  /// What no wait fixes: the named node or cluster is not there at all.
  private var cannotChangeByWaiting: Bool {
    switch self {
    case .nodeNotFound, .clusterNotFound, .notAContainerCluster, .noCurrentCluster: true
    default: false
    }
  }
}

extension ContainerError: UserFacingError {
  var failure: CommandFailure { CommandFailure(text: message, isInfrastructure: isInfrastructure) }
}

extension NodeToolError: UserFacingError {
  var failure: CommandFailure { CommandFailure(text: message) }
}

extension ProcessError: UserFacingError {
  var failure: CommandFailure { CommandFailure(text: message) }
}
