extension CLIContainerClient {
  func createNetwork(_ spec: NetworkSpec) async throws {
    try await engine.check(
      dialect.networkCreateArguments(spec), timeout: timeouts.quick, subject: spec.name)
  }

  /// A lifecycle deadline, not a quick one: podman's `network rm` takes the engine's network
  /// lock, which every container start and removal holds while it sets up iptables, so on a busy
  /// engine it queues behind them (measured: 15 s behind a few dozen starts on 2 cores).
  func removeNetwork(_ network: String) async throws {
    try await engine.check(
      ["network", "rm", network], timeout: timeouts.lifecycle, subject: network)
  }

  func networkExists(_ network: String) async throws -> Bool {
    do {
      try await engine.check(
        ["network", "inspect", "--format", "{{.Name}}", network], timeout: timeouts.quick,
        subject: network)
      return true
    } catch ContainerError.networkNotFound {
      return false
    }
  }

  func inspectNetwork(_ network: String) async throws -> NetworkInfo {
    let arguments = ["network", "inspect", network]
    let output = try await engine.check(arguments, timeout: timeouts.quick, subject: network)
    let decoded: NetworkInfo?
    do {
      decoded = try dialect.decodeNetwork(output.standardOutput)
    } catch {
      throw ContainerError.unexpectedOutput(
        argv: [dialect.binary] + arguments, reason: "\(error)")
    }
    guard let info = decoded else {
      throw ContainerError.unexpectedOutput(
        argv: [dialect.binary] + arguments, reason: "no network in the answer")
    }
    return info
  }

  func listNetworks(labels: [String: String]) async throws -> [String] {
    let arguments =
      ["network", "ls"] + RuntimeDialect.labelFilters(labels) + ["--format", "{{.Name}}"]
    let output = try await engine.check(arguments, timeout: timeouts.quick)
    return output.standardOutput.split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }
  }

  func connect(_ container: String, to attachment: NetworkAttachment) async throws {
    try await engine.check(
      dialect.connectArguments(container, attachment), timeout: timeouts.quick,
      subject: container)
  }

  func disconnect(_ container: String, from network: String) async throws {
    try await engine.check(
      ["network", "disconnect", "--force", network, container], timeout: timeouts.quick,
      subject: container)
  }
}
