import CCMWait
import Foundation
import Testing

@testable import CCMCore

/// The start wait, which follows a container's output: offset, absorb into system.log, exit.
@Suite struct LogFollowTests {
  private func follow(
    _ engine: SimulatedEngine, in directory: String
  ) throws -> (NodeLog, FakeProcessRunner) {
    try FileManager.default.createDirectory(
      atPath: directory + "/logs", withIntermediateDirectories: true)
    let runner = engine.makeRunner()
    let sync = LogSync(
      client: makeClient(.podman, runner), container: "node2",
      file: NodeLogFile(nodeDirectory: directory))
    return (NodeLog(node: "node2", sync: sync), runner)
  }

  @Test func findsTheLineAfterTheOffsetAndCopiesWhatItRead() async throws {
    let engine = SimulatedEngine(
      .init(containers: ContainerDecodingTests.podmanInspect, logs: "old READY 1\nnew READY 2\n"))
    let directory = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let (follow, runner) = try follow(engine, in: directory)
    let lines = try await follow.waitFor(
      .line("READY [0-9]", describing: "ready line"), after: .start,
      streamOffset: "old READY 1\n".utf8.count, policy: WaitPolicy(timeout: .seconds(5)))
    #expect(lines == ["new READY 2"])
    #expect(follow.sync.file.text() == "old READY 1\nnew READY 2\n")
    #expect(runner.argvs == [["podman", "logs", "--follow", "node2"]], "one engine call")
  }

  @Test func aContainerThatExitsIsReportedWithItsCode() async throws {
    let exited = ContainerDecodingTests.podmanInspect
      .replacingOccurrences(of: #""Status":"running""#, with: #""Status":"exited""#)
      .replacingOccurrences(of: #""ExitCode":0"#, with: #""ExitCode":3"#)
    let directory = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let (follow, _) = try follow(
      SimulatedEngine(.init(containers: exited, logs: "ERROR boom\n")), in: directory)
    await #expect(
      throws: CCMError.nodeExited(node: "node2", exitCode: 3, lastLogLines: ["ERROR boom"])
    ) {
      try await follow.waitFor(
        .line("never", describing: "ready line"), after: .start, streamOffset: 0,
        policy: WaitPolicy(timeout: .seconds(30)))
    }
  }

  @Test func aStreamClosedEarlyFallsBackToPollingUntilTheDeadline() async throws {
    let engine = SimulatedEngine(
      .init(containers: ContainerDecodingTests.podmanInspect, logs: "booting\n"))
    let directory = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let (follow, _) = try follow(engine, in: directory)
    do {
      _ = try await follow.waitFor(
        .line("never", describing: "ready line"), after: .start, streamOffset: 0,
        policy: WaitPolicy(timeout: .milliseconds(300), interval: .milliseconds(20)))
      Issue.record("no timeout")
    } catch CCMError.waitTimedOut(let node, let awaited, _, let lines) {
      #expect(node == "node2" && awaited == "ready line" && lines == ["booting"])
    }
  }
}
