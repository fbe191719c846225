import CCMWait
import Foundation
import Synchronization
import Testing

@testable import CCMCore

/// Log sync (incremental, on demand) and log watch (marks, exit, timeout).
@Suite struct WaitAndLogTests {
  private func nodeDirectory() throws -> String {
    let directory = try temporaryConfigDirectory()
    try FileManager.default.createDirectory(
      atPath: directory + "/logs", withIntermediateDirectories: true)
    return directory
  }

  @Test func syncAppendsOnlyNewOutputAndRestartsOnANewContainer() async throws {
    let directory = try nodeDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let engine = SimulatedEngine(.init(logs: "a\nb\n"))
    let client = makeClient(.podman, engine.makeRunner())
    let sync = LogSync(client: client, container: "n1", file: NodeLogFile(nodeDirectory: directory))
    #expect(try await sync.sync() == 4)
    let mark = sync.file.mark()
    #expect(mark.offset == 4)
    #expect(try await sync.sync() == 0)
    engine.update { $0.logs = "a\nb\nc\n" }
    #expect(try await sync.sync() == 2)
    #expect(sync.file.text() == "a\nb\nc\n")
    #expect(sync.file.text(from: mark) == "c\n")
    engine.update { $0.logs = "x\n" }  // a re-created container: a new stream
    try await sync.sync()
    #expect(sync.file.text() == "a\nb\nc\nx\n")
  }

  @Test func watchFindsLinesAfterTheMarkOnly() async throws {
    let directory = try nodeDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let engine = SimulatedEngine(
      .init(containers: ContainerDecodingTests.podmanInspect, logs: "old READY\n"))
    let client = makeClient(.podman, engine.makeRunner())
    let sync = LogSync(
      client: client, container: "node2", file: NodeLogFile(nodeDirectory: directory))
    try await sync.sync()
    let mark = sync.file.mark()
    engine.update { $0.logs = "old READY\nnew READY 2\n" }
    let log = NodeLog(node: "node2", sync: sync)
    let found = try await log.waitFor(
      .lines(["READY [0-9]"]), after: mark, policy: WaitPolicy(timeout: .seconds(30)))
    #expect(found == ["new READY 2"])
    #expect(throws: CCMError.self) { try LogMatch.lines(["("]) }
  }

  @Test func watchTimeoutNamesNodeWhatAndLastLines() async throws {
    let directory = try nodeDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let engine = SimulatedEngine(
      .init(containers: ContainerDecodingTests.podmanInspect, logs: "booting\n"))
    let sync = LogSync(
      client: makeClient(.podman, engine.makeRunner()), container: "node2",
      file: NodeLogFile(nodeDirectory: directory))
    do {
      _ = try await NodeLog(node: "node2", sync: sync).waitFor(
        .lines(["never"], describing: "ready line"), after: .start,
        policy: WaitPolicy(timeout: .milliseconds(200), interval: .milliseconds(20)))
      Issue.record("no timeout")
    } catch let error as CCMError {
      guard case .waitTimedOut(let node, let awaited, _, let lines) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(node == "node2" && awaited == "ready line" && lines == ["booting"])
      #expect(error.message.hasPrefix("node2: no ready line after "))
      #expect(error.message.hasSuffix("last log lines:\n    booting"))
    }
  }

  @Test func watchReportsAnExitedContainerAtOnce() async throws {
    let directory = try nodeDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let exited = ContainerDecodingTests.podmanInspect
      .replacingOccurrences(of: #""Status":"running""#, with: #""Status":"exited""#)
      .replacingOccurrences(of: #""ExitCode":0"#, with: #""ExitCode":3"#)
    let engine = SimulatedEngine(.init(containers: exited, logs: "ERROR boom\n"))
    let sync = LogSync(
      client: makeClient(.podman, engine.makeRunner()), container: "node2",
      file: NodeLogFile(nodeDirectory: directory))
    await #expect(
      throws: CCMError.nodeExited(node: "node2", exitCode: 3, lastLogLines: ["ERROR boom"])
    ) {
      try await NodeLog(node: "node2", sync: sync).waitFor(
        .lines(["never"]), after: .start, policy: WaitPolicy(timeout: .seconds(30)))
    }
  }
}
