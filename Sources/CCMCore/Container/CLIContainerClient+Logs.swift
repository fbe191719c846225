import Foundation

/// Every log call reads the engine's stdout and stderr through one pipe (scylla-ccm's
/// `stderr=STDOUT`): ScyllaDB logs on the container's stderr and its supervisor on stdout, and the
/// engine writes both in its log's order, so one pipe keeps that order and byte offsets in it
/// stay the same from one call to the next.
extension CLIContainerClient {
  func logs(_ container: String, options: LogOptions) async throws -> ContainerLogs {
    let output = try await engine.check(
      logArguments(container, options, follow: false), timeout: timeouts.quick,
      subject: container, standardError: .mergedWithOutput)
    return ContainerLogs(standardOutput: output.standardOutput, standardError: "")
  }

  func followLogs(_ container: String, options: LogOptions)
    -> AsyncThrowingStream<String, any Error>
  {
    engine.runner.lines(
      engine.command(
        logArguments(container, options, follow: true), timeout: timeouts.follow,
        standardError: .mergedWithOutput))
  }

  func logLines(_ container: String, options: LogOptions)
    -> AsyncThrowingStream<String, any Error>
  {
    let lines = engine.runner.lines(
      engine.command(
        logArguments(container, options, follow: false), timeout: timeouts.follow,
        standardError: .mergedWithOutput))
    let engine = self.engine
    return AsyncThrowingStream { continuation in
      let task = Task {
        do {
          for try await line in lines { continuation.yield(line) }
          continuation.finish()
        } catch let ProcessError.failed(argv, status, text) {
          let failure = CommandFailure(argv: argv, status: status, standardError: text)
          continuation.finish(
            throwing: engine.classify(failure, subject: container) { .commandFailed($0) })
        } catch {
          continuation.finish(throwing: error)
        }
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }

  func logArguments(_ container: String, _ options: LogOptions, follow: Bool) -> [String] {
    var args = ["logs"]
    if follow { args.append("--follow") }
    if let tail = options.tail { args += ["--tail", String(tail)] }
    if let since = options.since { args += ["--since", Self.timestamp(since)] }
    return args + [container]
  }

  /// RFC 3339 with fractional seconds, UTC: accepted by both engines' `--since`.
  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }
}
