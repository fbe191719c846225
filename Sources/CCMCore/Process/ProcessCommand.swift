/// Where a child's standard error goes.
enum StandardErrorRoute: Sendable, Hashable {
  /// Captured on its own (`ProcessOutput.standardError`).
  case separate
  /// Into the same pipe as standard output (`2>&1`): one stream in the order the child wrote it,
  /// which is what a container's log is (ScyllaDB logs on stderr, its supervisor on stdout).
  case mergedWithOutput
}

/// What cancelling the caller does to a child that is running.
enum ChildCancellation: Sendable, Hashable {
  /// The child's process group is torn down at once (a query, a log stream, a user's tool).
  case terminate
  /// The child runs to its end, under its own timeout, and the caller gets its result; the
  /// caller sees the cancellation at its next cancellable step.
  ///
  /// Why: an engine CLI killed in the middle of a call that changes the engine's state can leave
  /// that state half-made. Podman 4.3 keeps the address lease of a `start` killed during its
  /// network setup, and every later start of that container fails with "IPAM error: requested ip
  /// address ... is already allocated to container ID" (its own ID).
  case finish
}

/// One child process to run: an argv array (never a shell string), optional stdin, a deadline.
public struct ProcessCommand: Sendable, Hashable {
  /// Executable name (looked up on PATH) or absolute path.
  var executable: String
  var arguments: [String]
  /// Text written to the child's stdin, which is then closed; nil gives the child no input.
  var standardInput: String?
  /// Every call has a deadline; there is no "wait forever".
  var timeout: Duration
  var standardError: StandardErrorRoute
  var whenCancelled: ChildCancellation

  init(
    _ executable: String, _ arguments: [String], standardInput: String? = nil,
    timeout: Duration, standardError: StandardErrorRoute = .separate,
    whenCancelled: ChildCancellation = .terminate
  ) {
    self.executable = executable
    self.arguments = arguments
    self.standardInput = standardInput
    self.timeout = timeout
    self.standardError = standardError
    self.whenCancelled = whenCancelled
  }

  /// Executable followed by arguments, as a user would type it.
  var argv: [String] { [executable] + arguments }
}

/// How a child process ended.
public enum ProcessStatus: Sendable, Hashable, CustomStringConvertible {
  case exited(Int32)
  case signaled(Int32)

  var isSuccess: Bool { self == .exited(0) }

  /// The shell's convention: the exit code, or 128 + signal.
  var code: Int32 {
    switch self {
    case .exited(let code): code
    case .signaled(let signal): 128 + signal
    }
  }

  public var description: String {
    switch self {
    case .exited(let code): "exit status \(code)"
    case .signaled(let signal): "killed by signal \(signal)"
    }
  }
}

/// Captured result of a finished child process.
public struct ProcessOutput: Sendable, Hashable {
  var status: ProcessStatus
  var standardOutput: String
  var standardError: String

  init(status: ProcessStatus, standardOutput: String = "", standardError: String = "") {
    self.status = status
    self.standardOutput = standardOutput
    self.standardError = standardError
  }
}
