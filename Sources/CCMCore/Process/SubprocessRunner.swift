import CCMWait
import Foundation
import Logging
import Subprocess
import Synchronization

#if canImport(System)
  import System
#else
  import SystemPackage
#endif

/// `ProcessRunning` over swift-subprocess.
///
/// Every child gets its own session (process group), so a timeout or cancellation tears down the
/// child *and* whatever it spawned: SIGTERM to the group, then SIGKILL to the group. Nothing
/// started here outlives the ccmsh command.
public struct SubprocessRunner: ProcessRunning {
  /// Output beyond this is an error in swift-subprocess; container CLIs stay far below it.
  private static let captureLimit = 64 << 20
  private let injectedLogger: Logger?

  /// `logger` defaults to a fresh "ccmsh.process" logger per call, so a level set by
  /// `CCMLogging.bootstrap` after this runner was made still applies.
  public init(logger: Logger? = nil) {
    injectedLogger = logger
  }

  private var logger: Logger { injectedLogger ?? Logger(label: "ccmsh.process") }

  public func run(_ command: ProcessCommand) async throws -> ProcessOutput {
    switch command.whenCancelled {
    case .terminate:
      return try await runChild(command)
    case .finish:
      // An unstructured task does not inherit the caller's cancellation: the child runs to its
      // end (or its own timeout) even when the caller is cancelled meanwhile.
      let child = Task { try await runChild(command) }
      return try await child.value
    }
  }

  private func runChild(_ command: ProcessCommand) async throws -> ProcessOutput {
    logger.debug("run: \(Self.render(command.argv))")
    let output = try await Self.bounded(command) {
      let (executable, arguments) = (
        Self.executable(command.executable), Arguments(command.arguments)
      )
      let input = command.standardInput ?? ""
      let child = ChildBox()
      defer { child.finished() }
      switch command.standardError {
      case .separate:
        let result = try await Subprocess.run(
          executable, arguments: arguments, platformOptions: Self.platformOptions(),
          input: .string(input), output: .string(limit: Self.captureLimit),
          error: .string(limit: Self.captureLimit)
        ) { execution in child.started(execution.processIdentifier.value) }
        return ProcessOutput(
          status: Self.status(result.terminationStatus),
          standardOutput: result.standardOutput, standardError: result.standardError)
      case .mergedWithOutput:
        let result = try await Subprocess.run(
          executable, arguments: arguments, platformOptions: Self.platformOptions(),
          input: .string(input), output: .string(limit: Self.captureLimit),
          error: .combinedWithOutput
        ) { execution in child.started(execution.processIdentifier.value) }
        let status = Self.status(result.terminationStatus)
        let merged = result.standardOutput
        // A failure's message is in the one stream too; callers read errors from standardError.
        return ProcessOutput(
          status: status, standardOutput: merged, standardError: status.isSuccess ? "" : merged)
      }
    }
    logger.trace(
      "done: \(Self.render(command.argv)) -> \(output.status)",
      metadata: ["stdout": "\(output.standardOutput)", "stderr": "\(output.standardError)"])
    return output
  }

  public func lines(_ command: ProcessCommand) -> AsyncThrowingStream<String, any Error> {
    logger.debug("stream: \(Self.render(command.argv))")
    let logger = self.logger
    return AsyncThrowingStream { continuation in
      let task = Task {
        do {
          try await Self.bounded(command) {
            let (status, errorText) = try await Self.stream(command) { line in
              logger.trace("line: \(line)")
              continuation.yield(line)
            }
            guard status.isSuccess else {
              throw ProcessError.failed(
                argv: command.argv, status: status, standardError: errorText)
            }
          }
          continuation.finish()
        } catch is CancellationError {
          continuation.finish()
        } catch {
          continuation.finish(throwing: error)
        }
      }
      // The consumer stopped reading (or was cancelled): cancelling the task kills the child.
      continuation.onTermination = { _ in task.cancel() }
    }
  }

  /// Runs `command`, handing each line of its stdout (stdout and stderr when merged) to `yield`;
  /// returns how it ended and its error text (when merged: the last lines it wrote).
  private static func stream(
    _ command: ProcessCommand, _ yield: @escaping @Sendable (String) -> Void
  ) async throws -> (ProcessStatus, String) {
    let (executable, arguments) = (
      Self.executable(command.executable), Arguments(command.arguments)
    )
    let child = ChildBox()
    defer { child.finished() }
    switch command.standardError {
    case .separate:
      let result = try await Subprocess.run(
        executable, arguments: arguments, platformOptions: Self.platformOptions(), input: .none,
        output: .sequence, error: .string(limit: Self.captureLimit)
      ) { execution in
        child.started(execution.processIdentifier.value)
        for try await line in execution.standardOutput.strings() { yield(line) }
      }
      return (Self.status(result.terminationStatus), result.standardError)
    case .mergedWithOutput:
      let result = try await Subprocess.run(
        executable, arguments: arguments, platformOptions: Self.platformOptions(), input: .none,
        output: .sequence, error: .combinedWithOutput
      ) { execution in
        child.started(execution.processIdentifier.value)
        var last: [String] = []
        for try await line in execution.standardOutput.strings() {
          yield(line)
          last.append(line)
          if last.count > 5 { last.removeFirst() }
        }
        return last.joined(separator: "\n")
      }
      return (Self.status(result.terminationStatus), result.closureResult)
    }
  }

  public func locate(executable: String) -> String? {
    if executable.contains("/") {
      return FileManager.default.isExecutableFile(atPath: executable) ? executable : nil
    }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":") where !directory.isEmpty {
      let candidate = "\(directory)/\(executable)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs the body under the command's deadline, with the one deadline helper the waits and
  /// the log follower use (`CCMWait.withDeadline`): at the deadline the body is cancelled,
  /// which makes swift-subprocess run the teardown sequence on the child's process group, and
  /// the caller gets `ProcessError.timedOut` once that is done (`.awaitBody`: nothing of the
  /// child is left when the call returns; the teardown takes at most its 2.5 s).
  private static func bounded<T: Sendable>(
    _ command: ProcessCommand, _ body: @escaping @Sendable () async throws -> T
  ) async throws -> T {
    do {
      return try await withDeadline(command.timeout, atDeadline: .awaitBody) {
        do {
          return try await body()
        } catch let error as SubprocessError {
          throw ProcessError.launchFailed(argv: command.argv, reason: "\(error)")
        }
      }
    } catch is DeadlineExceeded {
      throw ProcessError.timedOut(argv: command.argv, after: command.timeout)
    }
  }

  /// The one child of a call, known to `ChildProcesses` from its start to its end.
  private final class ChildBox: Sendable {
    private let pid = Mutex<Int32?>(nil)

    func started(_ value: Int32) {
      pid.withLock { $0 = value }
      ChildProcesses.register(value)
    }

    func finished() {
      if let value = pid.withLock({ $0 }) { ChildProcesses.unregister(value) }
    }
  }

  private static func executable(_ name: String) -> Executable {
    name.hasPrefix("/") ? .path(FilePath(name)) : .name(name)
  }

  private static func platformOptions() -> PlatformOptions {
    var options = PlatformOptions()
    options.createSession = true
    options.teardownSequence = [
      .send(signal: .terminate, toProcessGroup: true, allowedDurationToNextStep: .seconds(2)),
      .send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .milliseconds(500)),
    ]
    return options
  }

  private static func status(_ status: TerminationStatus) -> ProcessStatus {
    switch status {
    case .exited(let code): .exited(Int32(code))
    case .signaled(let signal): .signaled(Int32(signal))
    }
  }

  /// argv for a log line, each word quoted when it needs to be.
  static func render(_ argv: [String]) -> String {
    argv.map { word in
      word.isEmpty || word.contains(where: { " \t\n'\"$`\\".contains($0) })
        ? "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" : word
    }.joined(separator: " ")
  }
}
