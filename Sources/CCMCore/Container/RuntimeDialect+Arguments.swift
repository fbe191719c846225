/// The argv of the commands whose shape depends on a typed spec.
///
/// Kept apart from execution so the unit tests can pin every word for both engines.
extension RuntimeDialect {
  func runArguments(_ spec: ContainerSpec) -> [String] {
    // --pull never: ccmsh pulls explicitly; a run must not hang on a registry (or fail offline).
    var args = ["run", "--detach", "--pull", "never", "--name", spec.name]
    if let hostname = spec.hostname { args += ["--hostname", hostname] }
    for (key, value) in spec.labels.sorted(by: { $0.key < $1.key }) {
      args += ["--label", "\(key)=\(value)"]
    }
    for (key, value) in spec.environment.sorted(by: { $0.key < $1.key }) {
      args += ["--env", "\(key)=\(value)"]
    }
    for volume in spec.volumes { args += ["--volume", volumeArgument(volume)] }
    if let network = spec.network {
      args += ["--network", network.network]
      if let address = network.ipv4Address { args += ["--ip", address] }
      if pinsMACAddress, let mac = network.macAddress { args += ["--mac-address", mac] }
      for alias in network.aliases { args += ["--network-alias", alias] }
    }
    for publication in spec.publishedPorts { args += ["--publish", publication.argument] }
    for capability in spec.capabilities { args += ["--cap-add", capability] }
    for option in spec.securityOptions { args += ["--security-opt", option] }
    if let user = spec.user { args += ["--user", user] }
    if let directory = spec.workingDirectory { args += ["--workdir", directory] }
    if let cpus = spec.limits.cpus { args += ["--cpus", Self.decimal(cpus)] }
    if let memory = spec.limits.memoryBytes { args += ["--memory", "\(memory)b"] }
    if let entrypoint = spec.entrypoint { args += ["--entrypoint", entrypoint] }
    return args + [qualify(image: spec.image)] + spec.command
  }

  func execArguments(_ container: String, _ request: ExecRequest) -> [String] {
    // Never -t: CI has no TTY. -i only when there is input to pipe.
    var args = ["exec"]
    if request.standardInput != nil { args.append("--interactive") }
    for (key, value) in request.environment.sorted(by: { $0.key < $1.key }) {
      args += ["--env", "\(key)=\(value)"]
    }
    if let directory = request.workingDirectory { args += ["--workdir", directory] }
    if let user = request.user { args += ["--user", user] }
    return args + [container] + request.argv
  }

  /// `exec --interactive --tty`: a session on the caller's terminal (only ever asked for when
  /// stdin and stdout are terminals).
  func attachedExecArguments(_ container: String, _ argv: [String]) -> [String] {
    ["exec", "--interactive", "--tty", container] + argv
  }

  func removeArguments(_ container: String, mode: RemovalMode, volumes: VolumeRemoval)
    -> [String]
  {
    var args = ["rm"]
    if mode == .force {
      args.append("--force")
      // podman's rm -f waits the stop timeout for a container ignoring SIGTERM; docker kills.
      if kind == .podman { args += ["--time", "0"] }
    }
    if volumes == .remove { args.append("--volumes") }
    return args + [container]
  }

  func versionArguments() -> [String] {
    switch kind {
    case .docker: ["version", "--format", "{{.Server.Version}}"]
    // podman has no daemon: the client answering is the engine answering.
    case .podman: ["version", "--format", "{{.Client.Version}}"]
    }
  }

  func listArguments(labels: [String: String]) -> [String] {
    ["ps", "--all", "--no-trunc"] + Self.labelFilters(labels) + ["--format", listFormat]
  }

  func networkCreateArguments(_ spec: NetworkSpec) -> [String] {
    var args = ["network", "create"]
    if let subnet = spec.subnet { args += ["--subnet", subnet] }
    for (key, value) in spec.labels.sorted(by: { $0.key < $1.key }) {
      args += ["--label", "\(key)=\(value)"]
    }
    return args + [spec.name]
  }

  func connectArguments(_ container: String, _ attachment: NetworkAttachment) -> [String] {
    var args = ["network", "connect"]
    if let address = attachment.ipv4Address { args += ["--ip", address] }
    if pinsMACAddress, let mac = attachment.macAddress { args += ["--mac-address", mac] }
    for alias in attachment.aliases { args += ["--alias", alias] }
    return args + [attachment.network, container]
  }

  /// Whether `run` and `network connect` get the attachment's fixed MAC.
  ///
  /// podman gives a container a new random MAC at every start and reconnect, so peers keep a
  /// stale ARP entry for the node's fixed address; docker derives the MAC from the address
  /// (`02:42:<ip>`) and its `network connect` takes no MAC, so it is left to do that.
  var pinsMACAddress: Bool { kind == .podman }

  static func labelFilters(_ labels: [String: String]) -> [String] {
    // An empty value asks for the key with any value.
    labels.sorted(by: { $0.key < $1.key }).flatMap {
      ["--filter", $0.value.isEmpty ? "label=\($0.key)" : "label=\($0.key)=\($0.value)"]
    }
  }

  /// `1.0` → `1`, `1.5` → `1.5`: what a user would type.
  static func decimal(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}
