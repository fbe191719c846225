import CCMTestSupport
import Synchronization

@testable import CCMCore

/// Records every command and answers from a script; no process is started.
final class FakeProcessRunner: ProcessRunning {
  typealias Responder = @Sendable (ProcessCommand) throws -> ProcessOutput
  /// The lines a streamed command yields; nil: `streamed`.
  typealias Streamer = @Sendable (ProcessCommand) -> [String]?

  private let state: Mutex<[ProcessCommand]> = Mutex([])
  private let responder: Responder
  private let installed: Set<String>
  let streamed: [String]
  private let streamer: Streamer

  init(
    installed: Set<String> = ["docker", "podman"], streamed: [String] = [],
    responder: @escaping Responder = FakeProcessRunner.succeedInVocabulary,
    streamer: @escaping Streamer = { _ in nil }
  ) {
    self.installed = installed
    self.streamed = streamed
    self.streamer = streamer
    self.responder = responder
  }

  /// The default answer: success for an engine argv the clients use, `UnmodelledCall` for any
  /// other engine argv.
  static let succeedInVocabulary: Responder = { command in
    if EngineVocabulary.isEngine(command.executable) {
      try EngineVocabulary.check(command.arguments)
    }
    return ProcessOutput(status: .exited(0))
  }

  var commands: [ProcessCommand] { state.withLock { $0 } }
  /// argv of every command, executable first.
  var argvs: [[String]] { commands.map(\.argv) }

  func run(_ command: ProcessCommand) async throws -> ProcessOutput {
    state.withLock { $0.append(command) }
    return try responder(command)
  }

  /// The streamer's lines, else `streamed`, else the responder's answer read line by line (a
  /// failing answer ends the stream with `ProcessError.failed`, as the real runner does).
  func lines(_ command: ProcessCommand) -> AsyncThrowingStream<String, any Error> {
    state.withLock { $0.append(command) }
    var lines = streamer(command) ?? streamed
    var failure: (any Error)?
    if lines.isEmpty, streamer(command) == nil {
      do {
        let output = try responder(command)
        lines = output.standardOutput.split(separator: "\n").map(String.init)
        if !output.status.isSuccess {
          failure = ProcessError.failed(
            argv: command.argv, status: output.status, standardError: output.standardError)
        }
      } catch {
        failure = error
      }
    }
    return AsyncThrowingStream { [lines, failure] continuation in
      for line in lines { continuation.yield(line) }
      continuation.finish(throwing: failure)
    }
  }

  func locate(executable: String) -> String? {
    installed.contains(executable) ? executable : nil
  }
}

extension ProcessOutput {
  static func ok(_ stdout: String = "", stderr: String = "") -> ProcessOutput {
    ProcessOutput(status: .exited(0), standardOutput: stdout, standardError: stderr)
  }

  static func fail(_ code: Int32, _ stderr: String) -> ProcessOutput {
    ProcessOutput(status: .exited(code), standardError: stderr)
  }
}

/// A client of each kind over the same fake, for tests that run against both.
func makeClient(_ kind: RuntimeKind, _ runner: FakeProcessRunner) -> any ContainerClient {
  RuntimeSelection.client(kind, runner: runner)
}
