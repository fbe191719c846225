import CCMCore

/// What every command runs against: the environment it reads defaults from, where its output goes,
/// and how long it waits for a cluster lock.
///
/// The CLI, the REPL and scripts each build one.
struct CommandContext: Sendable {
  /// Environment variables (`CCM_CONFIG_DIR`, `SCYLLA_DOCKER_IMAGE`, `CCM_CONTAINER_RUNTIME`, `HOME`).
  var environment: [String: String]
  var output: any OutputSink
  var lockWait: Duration
  /// Runs the container engine's CLI (a fake in tests).
  var runner: any ProcessRunning
  /// The live line for slow node tools; set for one command on the shell only (a script's
  /// commands already get one per statement from `TableHost`).
  var progress: DelayedProgress? = nil
  /// Whether a person types at this command on a terminal.
  ///
  /// True for the CLI with stdin and stdout terminals and for a statement typed at the REPL
  /// prompt: `NODE cqlsh` without statements and `NODE exec` then attach to it. Scripts never
  /// do (their commands' output is a value).
  var terminal = false
  /// Whether the CLI edge paints `error:` red: stderr is a terminal and NO_COLOR is unset
  /// (`OutputStyle.colour`); never in scripts, whose reports have their own rendering.
  var colourErrors = false
  /// Asks before a destructive command; set only for a statement typed at the REPL prompt.
  var confirmation: Confirmer? = nil
  /// The clusters the running script touched (`run --logs`, `--bundle`); nil outside a script.
  var touched: TouchedClusters? = nil

  init(
    environment: [String: String], output: any OutputSink, lockWait: Duration = .seconds(2),
    runner: any ProcessRunning = SubprocessRunner()
  ) {
    self.environment = environment
    self.output = output
    self.lockWait = lockWait
    self.runner = runner
  }

  /// The store for the config dir the options name (or the environment's default).
  func store(_ options: GlobalOptions) -> ClusterStore {
    ClusterStore(
      root: ConfigDirectory.resolve(override: options.configDirectory, environment: environment),
      target: options.cluster)
  }

  /// The state operations over that store.
  func operations(_ options: GlobalOptions) -> ClusterOperations {
    ClusterOperations(store: store(options), lockWait: lockWait)
  }
}
