/// A child run to its end with its output captured as one stream (stderr merged), for a
/// command that drives other commands: `bisect` runs `ccmsh run` once per candidate image.
///
/// The child gets the process layer's guarantees (argv only, its own process group, torn
/// down at the deadline and on cancellation).
public struct ChildRun: Sendable, Hashable {
  /// The exit code, or 128 + the signal that ended it.
  public var exitCode: Int32
  public var output: String

  public static func run(
    _ argv: [String], timeout: Duration, runner: any ProcessRunning
  ) async throws -> ChildRun {
    guard let executable = argv.first else { throw CCMError.invalidArgument("empty command") }
    let result = try await runner.run(
      ProcessCommand(
        executable, Array(argv.dropFirst()), timeout: timeout, standardError: .mergedWithOutput))
    return ChildRun(exitCode: result.status.code, output: result.standardOutput)
  }
}
