import Foundation

extension CLIContainerClient {
  public func logs(_ container: String, options: LogOptions) async throws -> ContainerLogs {
    let output = try await engine.check(
      logArguments(container, options, follow: false), timeout: timeouts.quick,
      subject: container)
    return ContainerLogs(
      standardOutput: output.standardOutput, standardError: output.standardError)
  }

  public func followLogs(_ container: String, options: LogOptions)
    -> AsyncThrowingStream<String, any Error>
  {
    engine.runner.lines(
      engine.command(logArguments(container, options, follow: true), timeout: timeouts.follow))
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
