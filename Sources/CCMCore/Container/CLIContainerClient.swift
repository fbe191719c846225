import Foundation

/// A `ContainerClient` that drives a runtime CLI.
///
/// All behaviour lives in the extensions of this protocol, once; `DockerClient` and `PodmanClient`
/// differ only in their engine's dialect.
public protocol CLIContainerClient: ContainerClient {
  var engine: ContainerCLIEngine { get }
}

extension CLIContainerClient {
  var kind: RuntimeKind { engine.dialect.kind }
  var dialect: RuntimeDialect { engine.dialect }
  var timeouts: ContainerTimeouts { engine.timeouts }

  func version() async throws -> String {
    let output = try await engine.check(
      dialect.versionArguments(), timeout: timeouts.probe,
      otherwise: { .runtimeUnavailable(kind, $0) })
    return output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  // MARK: lifecycle

  func run(_ spec: ContainerSpec) async throws -> String {
    let output = try await engine.check(
      dialect.runArguments(spec), timeout: timeouts.lifecycle, subject: spec.name,
      otherwise: { .startFailed(name: spec.name, $0) })
    let lines = output.standardOutput.split(separator: "\n")
    return lines.last.map { $0.trimmingCharacters(in: .whitespaces) } ?? spec.name
  }

  func start(_ container: String) async throws {
    try await engine.check(
      ["start", container], timeout: timeouts.lifecycle, subject: container,
      otherwise: { .startFailed(name: container, $0) })
  }

  func stop(_ container: String, timeout: Duration) async throws {
    let seconds = Self.wholeSeconds(timeout)
    try await engine.check(
      ["stop", "--time", String(seconds), container],
      timeout: .seconds(seconds) + timeouts.quick, subject: container)
  }

  func kill(_ container: String, signal: ContainerSignal) async throws {
    try await engine.check(
      ["kill", "--signal", signal.rawValue, container], timeout: timeouts.quick,
      subject: container)
  }

  func pause(_ container: String) async throws {
    // runc's cgroup-v1 freezer gives up when the container forks while being frozen
    // ("unable to freeze"); that is transient, so try again a few times.
    for attempt in 1... {
      do {
        try await engine.check(["pause", container], timeout: timeouts.quick, subject: container)
        return
      } catch ContainerError.commandFailed(let failure)
        where attempt < 4 && failure.standardErrorTail.contains("unable to freeze")
      {
        try await Task.sleep(for: .milliseconds(100 * attempt))
      }
    }
  }

  func unpause(_ container: String) async throws {
    try await engine.check(["unpause", container], timeout: timeouts.quick, subject: container)
  }

  func remove(_ container: String, mode: RemovalMode, volumes: VolumeRemoval) async throws {
    try await engine.check(
      dialect.removeArguments(container, mode: mode, volumes: volumes),
      timeout: timeouts.lifecycle, subject: container)
  }

  // MARK: exec

  /// The engine's whole argv for a session on the caller's terminal in `container`
  /// (`exec --interactive --tty`), run by `TerminalSession`.
  public func attachedExecArgv(_ container: String, _ argv: [String]) -> [String] {
    engine.command(dialect.attachedExecArguments(container, argv), timeout: .seconds(1)).argv
  }

  func exec(_ container: String, _ request: ExecRequest) async throws -> ExecResult {
    let arguments = dialect.execArguments(container, request)
    let output = try await engine.run(
      arguments, stdin: request.standardInput, timeout: request.timeout)
    // The command's own exit code is a result; only the engine refusing to run it is an error.
    if !output.status.isSuccess, Self.isMissingCommand(output) {
      // The container runs; the program does not exist in it: a shell's answer, not an
      // engine failure.
      let command = request.argv.first ?? ""
      return ExecResult(
        exitCode: 127, standardOutput: "",
        standardError: "\(command): no such command in the container\n")
    }
    if !output.status.isSuccess, Self.isEngineExecFailure(output) {
      let failure = CommandFailure(
        argv: [dialect.binary] + arguments, status: output.status,
        standardError: output.standardError + output.standardOutput)
      throw engine.classify(
        failure, subject: container, otherwise: { .execFailed(container: container, $0) })
    }
    return ExecResult(
      exitCode: output.status.code, standardOutput: output.standardOutput,
      standardError: output.standardError)
  }

  /// The engines' own exec failures: podman exits 125-127; docker exits 1 for a missing or stopped
  /// container and 126/127 for a missing command, and prints the OCI error on stdout.
  static func isEngineExecFailure(_ output: ProcessOutput) -> Bool {
    let markers = [
      "no such container", "no container with name or id", "is not running", "is paused",
      "oci runtime", "executable file not found", "error response from daemon",
      "container state improper", "can only create exec sessions",
    ]
    let text = (output.standardError + "\n" + output.standardOutput.suffix(2048)).lowercased()
    return [1, 125, 126, 127].contains(output.status.code) && markers.contains { text.contains($0) }
  }

  /// podman: `executable file '/x' not found in $PATH`; docker: `exec: "/x": stat /x: no such
  /// file or directory` / `executable file not found in $PATH`.
  static func isMissingCommand(_ output: ProcessOutput) -> Bool {
    let text = (output.standardError + "\n" + output.standardOutput.suffix(2048)).lowercased()
    return [126, 127].contains(output.status.code)
      && (text.contains("executable file") && text.contains("not found")
        || text.contains("oci runtime") && text.contains("no such file or directory"))
  }

  // MARK: inspection

  func inspect(_ container: String) async throws -> ContainerInfo {
    let arguments = ["inspect", "--type", "container", container]
    let output = try await engine.check(arguments, timeout: timeouts.quick, subject: container)
    guard let info = try decodeContainers(output.standardOutput, arguments).first else {
      throw ContainerError.unexpectedOutput(
        argv: [dialect.binary] + arguments, reason: "no container in the answer")
    }
    return info
  }

  func inspect(_ containers: [String]) async throws -> [ContainerInfo] {
    guard !containers.isEmpty else { return [] }
    let arguments = ["inspect", "--type", "container"] + containers
    let output = try await engine.run(arguments, timeout: timeouts.quick)
    if !output.status.isSuccess {
      // Some names missing: the engine still prints the others, and says so on stderr.
      let failure = CommandFailure(
        argv: [dialect.binary] + arguments, status: output.status,
        standardError: output.standardError)
      let error = engine.classify(failure, otherwise: { .commandFailed($0) })
      guard case .containerNotFound = error else { throw error }
    }
    return try decodeContainers(output.standardOutput, arguments)
  }

  func list(labels: [String: String]) async throws -> [ContainerSummary] {
    let arguments = dialect.listArguments(labels: labels)
    let output = try await engine.check(arguments, timeout: timeouts.quick)
    do {
      return try dialect.decodeList(output.standardOutput)
    } catch {
      throw ContainerError.unexpectedOutput(
        argv: [dialect.binary] + arguments, reason: "\(error)")
    }
  }

  func inspect(labels: [String: String]) async throws -> [ContainerInfo] {
    let names = try await list(labels: labels).map(\.name)
    return try await inspect(names)
  }

  func decodeContainers(_ text: String, _ arguments: [String]) throws -> [ContainerInfo] {
    do {
      return try WireDecoding.containers(text)
    } catch {
      throw ContainerError.unexpectedOutput(
        argv: [dialect.binary] + arguments, reason: "\(error)")
    }
  }

  /// Engines take whole seconds; a partial second rounds up so the grace is never shorter.
  static func wholeSeconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return max(0, seconds + (attoseconds > 0 ? 1 : 0))
  }
}
