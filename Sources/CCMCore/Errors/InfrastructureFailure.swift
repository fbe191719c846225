/// Which failures say nothing about the code under test: the machine's container runtime or
/// image, not ScyllaDB's behaviour. `ccmsh run --bisect` exits 125 for them, so `git bisect run`
/// skips the commit instead of marking it bad. The one place that decides.
extension ContainerError {
  public var isInfrastructure: Bool {
    switch self {
    case .runtimeNotFound, .runtimeUnavailable, .noRuntimeAvailable, .unknownRuntime,
      .imageNotFound, .networkNotFound, .nameInUse, .startFailed, .commandFailed, .timedOut,
      .unexpectedOutput:
      true
    // A missing container or a failed exec follow a node that stopped or crashed: behaviour.
    case .containerNotFound, .execFailed:
      false
    }
  }
}

extension CCMError {
  public var isInfrastructure: Bool {
    switch self {
    // `.container` carries an engine call's failure (network, image extraction, exec into a
    // running node); a stopped node is reported as `.nodeState` before it.
    case .imageNotFound, .container, .hostLimit: true
    // A server that died at start because the host ran out of something (its last lines
    // say so) tells nothing about the commit either.
    case .nodeExited(_, _, let lines), .serverDied(_, _, let lines),
      .waitTimedOut(_, _, _, let lines):
      HostLimitWords.found(in: lines)
    default: false
    }
  }
}

/// The words a server's log uses when the host, not the server, ran out: Seastar's AIO setup,
/// a full disk, memory the kernel refused.
enum HostLimitWords {
  static let phrases = [
    "Could not setup Async I/O", "minimum AIO requirements", "aio-max-nr",
    "No space left on device", "Cannot allocate memory",
  ]

  static func found(in lines: [String]) -> Bool {
    lines.contains { line in phrases.contains { line.contains($0) } }
  }
}
