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
    case .imageNotFound, .container: true
    default: false
    }
  }
}
