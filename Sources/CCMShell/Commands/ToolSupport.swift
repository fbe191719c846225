import ArgumentParser
import CCMCore
import CCMWait
import Foundation

/// How a tool's run becomes ccmsh output and an outcome: stdout to the output, stderr to the
/// error output, a non-zero exit to a failure (`NodeToolError.toolFailed`, which names the node,
/// the tool, its exit and its stderr) carrying the same value.
enum ToolReport {
  static func finish(
    _ output: ToolOutput, extra: [CommandValue.Field] = [], to sink: any OutputSink
  ) -> CommandOutcome {
    if !output.standardOutput.isEmpty { sink.write(output.standardOutput) }
    if output.succeeded, !output.standardError.isEmpty { sink.writeError(output.standardError) }
    let value = CommandValue.object(
      [
        .init(key: "node", value: .string(output.node)),
        .init(key: "exit_code", value: .int(Int(output.exitCode))),
        .init(key: "stdout", value: .string(output.standardOutput)),
        .init(key: "stderr", value: .string(output.standardError)),
      ] + extra)
    guard !output.succeeded else { return .ok(value) }
    let failure = NodeToolError.toolFailed(
      node: output.node, tool: output.tool, exitCode: output.exitCode,
      standardError: output.standardError)
    return .failed(failure.failure, value: value)
  }
}

/// A duration on the command line, in the scripts' grammar: `30s`, `500ms`, `2m`, and `30`
/// (seconds, as scylla-ccm's `--timeout` takes).
struct DurationArgument: ExpressibleByArgument, Sendable {
  let duration: Duration

  init(_ duration: Duration) { self.duration = duration }

  init?(argument: String) {
    guard let seconds = DurationSyntax.seconds(argument, bareNumber: .seconds) else { return nil }
    duration = .milliseconds(Int64((seconds * 1000).rounded()))
  }

  var defaultValueDescription: String { "\(duration.components.seconds)s" }
}

/// `--timeout D` of the node tools (`nodetool`, `cqlsh`, `exec`), each with its own default.
struct ToolTimeoutOption: ParsableArguments {
  @Option(
    name: .customLong("timeout"),
    help: "Stop the tool if it has not answered within D (30s, 2m; default: sized to the tool).")
  var timeout: DurationArgument?

  func validate() throws {
    if let timeout, timeout.duration <= .zero {
      throw ValidationError("--timeout must be positive")
    }
  }

  /// The given timeout, else `fallback`.
  func duration(default fallback: Duration) -> Duration { timeout?.duration ?? fallback }
}

extension CommandContext {
  /// Runs a node tool, with the live line (`node1: nodetool status  12s`) once it is slow.
  func runningTool<T: Sendable>(
    _ what: String, _ body: () async throws -> T
  ) async throws -> T {
    guard let progress else { return try await body() }
    let result: Result<T, any Error> = await progress.during(what) {
      do { return .success(try await body()) } catch { return .failure(error) }
    }
    return try result.get()
  }
}
