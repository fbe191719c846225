/// The two supported container engines.
public enum RuntimeKind: String, Sendable, Hashable, CaseIterable {
  case docker
  case podman

  /// Parses a user-supplied name (case-insensitive).
  public init?(name: String) {
    self.init(rawValue: name.lowercased())
  }

  var installHint: String {
    switch self {
    case .docker:
      "Install it (Debian, as root: scripts/setup-container-runtime --docker) or use podman."
    case .podman:
      "Install it (Debian, as root: scripts/setup-container-runtime) or use docker."
    }
  }

  var startHint: String {
    switch self {
    case .docker:
      "Start the daemon (`dockerd &`, or scripts/setup-container-runtime --docker) and check "
        + "that you may use its socket."
    case .podman:
      "Check `podman info`; on this machine kind podman needs /etc/containers/containers.conf "
        + "(scripts/setup-container-runtime writes it)."
    }
  }
}
