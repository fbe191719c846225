import Logging

/// Runs one runtime CLI (docker or podman) through a `ProcessRunning`, applies deadlines, and turns
/// failures into `ContainerError`s.
///
/// Shared by `DockerClient` and `PodmanClient`.
public struct ContainerCLIEngine: Sendable {
  let dialect: RuntimeDialect
  let runner: any ProcessRunning
  let timeouts: ContainerTimeouts

  init(
    dialect: RuntimeDialect, runner: any ProcessRunning = SubprocessRunner(),
    timeouts: ContainerTimeouts = ContainerTimeouts()
  ) {
    self.dialect = dialect
    self.runner = runner
    self.timeouts = timeouts
  }

  func command(
    _ arguments: [String], stdin: String? = nil, timeout: Duration,
    standardError: StandardErrorRoute = .separate
  ) -> ProcessCommand {
    ProcessCommand(
      dialect.binary, dialect.globalArguments + arguments, standardInput: stdin,
      timeout: timeout, standardError: standardError,
      whenCancelled: Self.changesState(arguments) ? .finish : .terminate)
  }

  /// The engine verbs that change the engine's state: containers, networks, volumes, images, a
  /// Swarm.
  ///
  /// Once launched they run to their end when ccmsh is cancelled (`ChildCancellation`):
  /// a Ctrl-C stops ccmsh at its next step instead of leaving a half-made container behind.
  /// Queries, log streams and `exec` (a user's tool) end at once.
  static func changesState(_ arguments: [String]) -> Bool {
    guard let verb = arguments.first else { return false }
    let object = arguments.dropFirst().first ?? ""
    switch verb {
    case "run", "create", "start", "stop", "restart", "kill", "pause", "unpause", "rm", "cp",
      "import", "load", "tag", "rmi":
      return true
    case "network": return ["create", "rm", "connect", "disconnect", "prune"].contains(object)
    case "volume": return ["create", "rm", "prune"].contains(object)
    case "swarm": return ["init", "join", "leave"].contains(object)
    default: return false
    }
  }

  /// Runs and returns the output whatever the exit status.
  func run(
    _ arguments: [String], stdin: String? = nil, timeout: Duration,
    standardError: StandardErrorRoute = .separate
  ) async throws -> ProcessOutput {
    let command = command(arguments, stdin: stdin, timeout: timeout, standardError: standardError)
    do {
      return try await runner.run(command)
    } catch let error as ProcessError {
      switch error {
      case .timedOut(let argv, let after): throw ContainerError.timedOut(argv: argv, after: after)
      case .launchFailed: throw ContainerError.runtimeNotFound(dialect.kind)
      case .failed(let argv, let status, let stderr):
        throw ContainerError.commandFailed(
          CommandFailure(argv: argv, status: status, standardError: stderr))
      }
    }
  }

  /// Runs and throws unless the exit status is 0; `otherwise` picks the error for failures the
  /// engine's message does not identify.
  @discardableResult
  func check(
    _ arguments: [String], stdin: String? = nil, timeout: Duration, subject: String? = nil,
    standardError: StandardErrorRoute = .separate,
    otherwise: (CommandFailure) -> ContainerError = { .commandFailed($0) }
  ) async throws -> ProcessOutput {
    let output = try await run(
      arguments, stdin: stdin, timeout: timeout, standardError: standardError)
    guard output.status.isSuccess else {
      let failure = CommandFailure(
        argv: [dialect.binary] + arguments, status: output.status,
        standardError: output.standardError)
      throw classify(failure, subject: subject, otherwise: otherwise)
    }
    return output
  }

  /// Recognises the engines' messages for the common failures; both engines' wordings.
  func classify(
    _ failure: CommandFailure, subject: String? = nil,
    otherwise: (CommandFailure) -> ContainerError
  ) -> ContainerError {
    let text = failure.standardErrorTail.lowercased()
    let name = subject ?? failure.argv.last ?? ""
    func has(_ needles: String...) -> Bool { needles.contains { text.contains($0) } }
    if has("cannot connect to the docker daemon", "is the docker daemon running") {
      return .runtimeUnavailable(dialect.kind, failure)
    }
    if has("no such container", "no container with name or id") {
      return .containerNotFound(name: name, failure)
    }
    if has("network not found", "no such network", "unable to find network")
      || text.split(separator: "\n").contains(where: {
        $0.contains("network ") && $0.hasSuffix(" not found")  // docker: "network X not found"
      })
    {
      return .networkNotFound(name: name, failure)
    }
    // docker: "no such image: X: invalid reference format": a bad name, not a missing image.
    if has("invalid reference format") { return otherwise(failure) }
    if has(
      "no such image", "image not known", "unable to find image", "manifest unknown",
      "pull access denied", "repository does not exist", "error initializing source",
      "reference does not exist")
    {
      return .imageNotFound(image: name, failure)
    }
    if has("already in use", "already exists") { return .nameInUse(name: name, failure) }
    return otherwise(failure)
  }
}
