/// The one seam between ccmsh and child processes.
///
/// The real implementation is `SubprocessRunner`; tests substitute a fake that records argv and
/// returns canned output.
public protocol ProcessRunning: Sendable {
  /// Runs a command to completion and captures its output.
  ///
  /// Throws `ProcessError.timedOut` when the deadline passes (the whole process group is killed
  /// first) and `ProcessError.launchFailed` when the executable cannot be started. A non-zero exit
  /// status is not an error here; callers decide what it means.
  func run(_ command: ProcessCommand) async throws -> ProcessOutput

  /// Starts a command and yields its standard output line by line.
  ///
  /// The child (and its process group) is killed when the consumer stops iterating, when the task
  /// is cancelled, or when `command.timeout` passes; the stream then ends. A non-zero exit throws
  /// `ProcessError.failed`.
  func lines(_ command: ProcessCommand) -> AsyncThrowingStream<String, any Error>

  /// The absolute path of an executable found on PATH, or nil.
  func locate(executable: String) -> String?
}
