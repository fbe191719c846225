import CCMCore

/// A node tool on the person's terminal (`exec --interactive --tty`): what `NODE cqlsh` without
/// statements and `NODE exec` become when `CommandContext.terminal` holds.
enum AttachedSession {
  /// The engine's argv for `argv` in `backend`'s container.
  static func argv(_ backend: ContainerNodeBackend, _ argv: [String]) throws -> [String] {
    guard let client = backend.client as? any CLIContainerClient else {
      throw CCMError.invalidArgument("an interactive session needs a container engine")
    }
    return client.attachedExecArgv(backend.containerName, argv)
  }

  /// Runs the session; its exit code is the command's (0 is success, anything else a failure
  /// whose words the tool already printed on the terminal).
  static func run(
    _ backend: ContainerNodeBackend, _ argv: [String], timeout: Duration
  ) async throws -> CommandOutcome {
    let argv = try Self.argv(backend, argv)
    let code = try await TerminalOwnership.hold {
      try await TerminalSession.run(argv, timeout: timeout)
    }
    let value = CommandValue.object([
      .init(key: "node", value: .string(backend.nodeName)),
      .init(key: "exit_code", value: .int(Int(code))),
    ])
    return CommandOutcome(status: code == 0 ? .ok : .failure, value: value)
  }
}
