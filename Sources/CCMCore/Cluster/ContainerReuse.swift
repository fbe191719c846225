/// What a start does with the container a node already has, given the spec it would run now.
///
/// One rule for every path that brings a node up (`start`, and whatever re-runs a node on a
/// changed spec, such as a new image): a container is kept only when its spec digest
/// (`org.ccmsh.spec`: image, environment, flags, mounts, network) is the one the node would get
/// now. Why: a running container whose server died keeps its PID 1 and with it the environment
/// and flags it was created with, so `supervisorctl start` there cannot apply a changed
/// `--env`, `--unset-env` or `--jvm_arg`; only a new container can.
enum ContainerReuse: Sendable, Hashable {
  /// No container: run one.
  case create
  /// The container runs, its server is down, and its spec is current: the supervisor starts
  /// the server again in it.
  case startServer
  /// A stopped container with the current spec: start it.
  case startContainer
  /// A container whose spec changed (running or not): remove it and run a new one.
  case recreate

  init(existing: ContainerInfo?, spec: ContainerSpec) {
    guard let existing else {
      self = .create
      return
    }
    let current =
      existing.labels[ContainerLabels.specDigest] == spec.labels[ContainerLabels.specDigest]
    switch (existing.state.status, current) {
    case (_, false): self = .recreate
    case (.running, true): self = .startServer
    case (_, true): self = .startContainer
    }
  }
}
