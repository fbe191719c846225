/// The Swarm and overlay calls ccmsh needs; docker only (podman has no Swarm), and kept off
/// `ContainerClient` so the one-engine code and its fakes do not grow.
extension DockerClient {
  var endpoint: EngineEndpoint? { dialect.endpoint }

  func swarmState() async throws -> SwarmState {
    let arguments = ["info", "--format", "{{json .Swarm}}"]
    let output = try await engine.check(
      arguments, timeout: timeouts.probe, otherwise: { .runtimeUnavailable(kind, $0) })
    do {
      return try SwarmState.decode(output.standardOutput)
    } catch {
      throw ContainerError.unexpectedOutput(
        argv: [dialect.binary] + dialect.globalArguments + arguments, reason: "\(error)")
    }
  }

  /// `swarm init`; without an advertise address the engine picks one (and refuses when it has
  /// several candidate interfaces, which is then the error shown).
  func swarmInit(advertiseAddress: String?, addressPool: String? = nil) async throws {
    try await engine.check(
      Self.swarmInitArguments(advertiseAddress: advertiseAddress, addressPool: addressPool),
      timeout: timeouts.lifecycle)
  }

  func swarmWorkerToken() async throws -> String {
    let output = try await engine.check(
      ["swarm", "join-token", "--quiet", "worker"], timeout: timeouts.quick)
    return output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The token is a credential: an error shows `<token>` in its place.
  func swarmJoin(token: String, manager: String, advertiseAddress: String?) async throws {
    var arguments = ["swarm", "join", "--token", token]
    if let address = advertiseAddress { arguments += ["--advertise-addr", address] }
    func hidden(_ argv: [String]) -> [String] { argv.map { $0 == token ? "<token>" : $0 } }
    do {
      try await engine.check(arguments + [manager], timeout: timeouts.lifecycle)
    } catch ContainerError.commandFailed(let failure) {
      throw ContainerError.commandFailed(
        CommandFailure(
          argv: hidden(failure.argv), status: failure.status,
          standardError: failure.standardErrorTail))
    } catch ContainerError.timedOut(let argv, let after) {
      throw ContainerError.timedOut(argv: hidden(argv), after: after)
    }
  }

  func swarmLeave() async throws {
    try await engine.check(["swarm", "leave", "--force"], timeout: timeouts.lifecycle)
  }

  /// An attachable overlay: standalone containers (not services) join it with a fixed `--ip`.
  ///
  /// `ipRange` is where the Swarm takes the addresses it gives itself (each engine's
  /// load-balancer endpoint on the network); keeping it apart from the nodes' fixed addresses
  /// stops it taking one of them ("Address already in use" when the node attaches).
  func createOverlay(_ spec: NetworkSpec, ipRange: String? = nil) async throws {
    var arguments = ["network", "create", "--driver", "overlay", "--attachable"]
    if let subnet = spec.subnet { arguments += ["--subnet", subnet] }
    if let ipRange { arguments += ["--ip-range", ipRange] }
    for (key, value) in spec.labels.sorted(by: { $0.key < $1.key }) {
      arguments += ["--label", "\(key)=\(value)"]
    }
    try await engine.check(arguments + [spec.name], timeout: timeouts.quick, subject: spec.name)
  }

  /// The Swarm's overlay networks as this manager sees them, but for its own `ingress`.
  func overlayNetworks() async throws -> [String] {
    let output = try await engine.check(
      ["network", "ls", "--filter", "driver=overlay", "--format", "{{.Name}}"],
      timeout: timeouts.quick)
    return output.standardOutput.split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty && $0 != "ingress" }
  }

  /// The network's labels, or nil when there is no such network.
  func networkLabels(_ network: String) async throws -> [String: String]? {
    guard try await networkExists(network) else { return nil }
    return try await inspectNetwork(network).labels
  }

  static func swarmInitArguments(advertiseAddress: String?, addressPool: String?) -> [String] {
    var arguments = ["swarm", "init"]
    if let address = advertiseAddress { arguments += ["--advertise-addr", address] }
    if let pool = addressPool { arguments += ["--default-addr-pool", pool] }
    return arguments
  }
}
