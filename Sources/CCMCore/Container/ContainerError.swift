/// The runtime command that failed: what ran, how it ended, and the end of its stderr.
public struct CommandFailure: Sendable, Hashable, CustomStringConvertible {
  var argv: [String]
  var status: ProcessStatus
  /// The last lines of stderr, with known harmless noise removed.
  var standardErrorTail: String

  public init(argv: [String], status: ProcessStatus, standardError: String) {
    self.argv = argv
    self.status = status
    self.standardErrorTail = StderrNoise.tail(of: standardError)
  }

  public var description: String {
    let command = SubprocessRunner.render(argv)
    let detail = standardErrorTail.isEmpty ? "" : ": \(standardErrorTail)"
    return "`\(command)` failed (\(status))\(detail)"
  }
}

/// Everything that can go wrong talking to a container engine.
///
/// Each case carries what is needed to tell the user what happened and what to do; `message`
/// renders it.
public enum ContainerError: Error, Sendable, Hashable {
  /// The engine's executable is not on PATH.
  case runtimeNotFound(RuntimeKind)
  /// The executable exists but the engine does not answer (dockerd not running, say).
  case runtimeUnavailable(RuntimeKind, CommandFailure)
  /// No runtime could be chosen: neither docker nor podman is installed.
  case noRuntimeAvailable
  /// A runtime name that is neither `docker` nor `podman`, and where it came from.
  case unknownRuntime(name: String, source: String)
  /// The image is not present locally (and could not be pulled, when a pull was tried).
  case imageNotFound(image: String, CommandFailure)
  case containerNotFound(name: String, CommandFailure)
  case networkNotFound(name: String, CommandFailure)
  /// A container or network with this name already exists.
  case nameInUse(name: String, CommandFailure)
  /// `run` or `start` failed to start the container.
  case startFailed(name: String, CommandFailure)
  /// `exec` could not run the command at all (container stopped, no such executable...).
  case execFailed(container: String, CommandFailure)
  /// Any other engine command that failed.
  case commandFailed(CommandFailure)
  /// The engine did not answer within the deadline; the command was killed.
  case timedOut(argv: [String], after: Duration)
  /// The engine's output could not be decoded.
  case unexpectedOutput(argv: [String], reason: String)

  /// The failed command, when there was one.
  var failure: CommandFailure? {
    switch self {
    case .runtimeUnavailable(_, let failure), .imageNotFound(_, let failure),
      .containerNotFound(_, let failure), .networkNotFound(_, let failure),
      .nameInUse(_, let failure), .startFailed(_, let failure), .execFailed(_, let failure),
      .commandFailed(let failure):
      failure
    case .runtimeNotFound, .noRuntimeAvailable, .unknownRuntime, .timedOut, .unexpectedOutput:
      nil
    }
  }

  /// What happened and what to do about it.
  public var message: String {
    switch self {
    case .runtimeNotFound(let kind):
      "\(kind.rawValue) is not installed (no `\(kind.rawValue)` on PATH). \(kind.installHint)"
    case .runtimeUnavailable(let kind, let failure):
      "\(kind.rawValue) is installed but its engine does not answer. \(kind.startHint)\n\(failure)"
    case .noRuntimeAvailable:
      "no container runtime found: install podman or docker "
        + "(as root: scripts/setup-container-runtime [--docker]), or choose one with "
        + "--container-runtime or CCM_CONTAINER_RUNTIME"
    case .unknownRuntime(let name, let source):
      "unknown container runtime '\(name)' (from \(source)); use docker or podman"
    case .imageNotFound(let image, let failure):
      "image \(image) is not available: pull it (`docker pull \(image)` / `podman pull \(image)`)"
        + " or build the test image with scripts/build-test-node-image\n\(failure)"
    case .containerNotFound(let name, let failure):
      "no container named \(name); it may have been removed\n\(failure)"
    case .networkNotFound(let name, let failure):
      "no network named \(name)\n\(failure)"
    case .nameInUse(let name, let failure):
      "the name \(name) is already in use; remove the old container or network first\n\(failure)"
    case .startFailed(let name, let failure):
      "container \(name) failed to start; see its logs and the engine's message\n\(failure)"
    case .execFailed(let container, let failure):
      "could not run a command in container \(container); is it running?\n\(failure)"
    case .commandFailed(let failure):
      "\(failure)"
    case .timedOut(let argv, let after):
      "`\(SubprocessRunner.render(argv))` did not answer within \(after) and was stopped; "
        + "is the engine overloaded or hung?"
    case .unexpectedOutput(let argv, let reason):
      "could not understand the output of `\(SubprocessRunner.render(argv))`: \(reason)"
    }
  }
}

/// Engines print harmless lines on stderr; they are not failures and would bury the real one.
enum StderrNoise {
  static let harmless = [
    "failed to connect to syslog",  // netavark/aardvark-dns without syslog (podman)
    "WARNING: The requested image's platform",
  ]

  static func isHarmless(_ line: Substring) -> Bool {
    harmless.contains { line.contains($0) }
  }

  /// The last few meaningful stderr lines.
  static func tail(of stderr: String, lines: Int = 8) -> String {
    stderr.split(separator: "\n", omittingEmptySubsequences: true)
      .filter { !isHarmless($0) }
      .suffix(lines)
      .joined(separator: "\n")
  }
}
