/// The small set of differences between the docker and podman CLIs that ccmsh cares about.
///
/// Everything else is one argv shared by both.
struct RuntimeDialect: Sendable, Hashable {
  let kind: RuntimeKind
  /// The executable to run: a name looked up on PATH, or an absolute path.
  let binary: String
  /// The engine every call goes to; nil leaves the CLI's default (`DOCKER_HOST`, the context).
  let endpoint: EngineEndpoint?

  init(kind: RuntimeKind, binary: String? = nil, endpoint: EngineEndpoint? = nil) {
    self.kind = kind
    self.binary = binary ?? kind.rawValue
    self.endpoint = endpoint
  }

  /// Options before the subcommand: `--host URL` / `--context NAME` (docker), `--url` /
  /// `--connection` (podman).
  var globalArguments: [String] { endpoint?.arguments(for: kind) ?? [] }

  /// `-v` value.
  ///
  /// Podman gets `:z` (SELinux relabel, harmless without SELinux), as scylla-ccm does.
  func volumeArgument(_ volume: VolumeMount) -> String {
    var options: [String] = []
    if volume.access == .readOnly { options.append("ro") }
    if kind == .podman { options.append("z") }
    // No host path: an anonymous volume, made and removed with the container.
    if volume.hostPath.isEmpty { return volume.containerPath }
    let base = "\(volume.hostPath):\(volume.containerPath)"
    return options.isEmpty ? base : "\(base):\(options.joined(separator: ","))"
  }

  /// Podman refuses short names without a registry config, so `scylladb/scylla` becomes
  /// `docker.io/scylladb/scylla` there; qualified names (`localhost/x`, `quay.io/x`) stay.
  func qualify(image: String) -> String {
    guard kind == .podman else { return image }
    let first = image.split(separator: "/", maxSplits: 1).first.map(String.init) ?? image
    let qualified =
      image.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost")
    return qualified ? image : "docker.io/\(image)"
  }

  /// `ps` output format: docker prints one JSON object a line, podman one JSON array.
  var listFormat: String {
    switch kind {
    case .docker: "{{json .}}"
    case .podman: "json"
    }
  }

  func decodeList(_ output: String) throws -> [ContainerSummary] {
    switch kind {
    case .docker: try WireDecoding.dockerList(output)
    case .podman: try WireDecoding.podmanList(output)
    }
  }

  /// `network inspect`: Docker's IPAM shape vs libpod's lower-case `subnets`.
  func decodeNetwork(_ output: String) throws -> NetworkInfo? {
    switch kind {
    case .docker: try WireDecoding.dockerNetwork(output)
    case .podman: try WireDecoding.podmanNetwork(output)
    }
  }
}
