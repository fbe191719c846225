import CCMTestSupport
import CCMWait
import Foundation
import Testing

@testable import CCMCore

/// The one log wait, over both of its strategies: following the container's output (a known
/// stream offset) and polling system.log (none).
@Suite struct NodeLogTests {
  /// nil: the wait polls; a value: it follows the output from there.
  static let strategies: [Int?] = [nil, 0]
  /// For waits that must end early: far longer than any test takes, even on a loaded machine.
  static let generous = WaitPolicy(timeout: .seconds(60), interval: .milliseconds(20))

  /// A running `node1` whose log holds `output`, and its `NodeLog` over a fresh node directory.
  private func node(_ output: String = "") async throws -> (InMemoryEngine, NodeLog, String) {
    let engine = InMemoryEngine(images: ["img"])
    _ = try await engine.run(ContainerSpec(image: "img", name: "node1"))
    try engine.write("node1", output)
    let directory = try temporaryConfigDirectory()
    try FileManager.default.createDirectory(
      atPath: directory + "/logs", withIntermediateDirectories: true)
    let sync = LogSync(
      client: engine, container: "node1", file: NodeLogFile(nodeDirectory: directory))
    return (engine, NodeLog(node: "node1", sync: sync), directory)
  }

  /// Runs `change` on the engine after a short delay, while the wait is on.
  private func later(_ change: @escaping @Sendable () throws -> Void) -> Task<Void, any Error> {
    Task {
      try await Task.sleep(for: .milliseconds(150))
      try change()
    }
  }

  @Test(arguments: strategies)
  func aMatchingLineEndsTheWait(streamOffset: Int?) async throws {
    let (engine, log, directory) = try await node("booting\n")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let writer = later { try engine.write("node1", "INFO listening\nINFO READY on 9042\n") }
    let found = try await log.waitFor(
      .line("READY on [0-9]+"), after: .start, streamOffset: streamOffset,
      policy: Self.generous)
    try await writer.value
    #expect(found == ["INFO READY on 9042"])
    #expect(log.sync.file.text().contains("INFO READY on 9042"), "what was read is in system.log")
    let follows = engine.calls.filter { $0.hasPrefix("logs --follow") }.count
    #expect(follows == (streamOffset == nil ? 0 : 1))
  }

  @Test(arguments: strategies)
  func aMarkSkipsEarlierOutput(streamOffset: Int?) async throws {
    let (engine, log, directory) = try await node("READY old\n")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try await log.sync.sync()
    let mark = log.sync.file.mark()
    // Where the mark lies in the container's output, as a start records it.
    let offset = streamOffset.map { _ in log.sync.copiedBytes() }
    let writer = later { try engine.write("node1", "READY new\n") }
    let found = try await log.waitFor(
      .line("READY"), after: mark, streamOffset: offset,
      policy: Self.generous)
    try await writer.value
    #expect(found == ["READY new"])
  }

  @Test func everyPatternMustMatchAfterTheMark() async throws {
    let (engine, log, directory) = try await node("CQL ready\n")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let writer = later { try engine.write("node1", "gossip settled\n") }
    let found = try await log.waitFor(
      .lines(["gossip", "CQL"]), after: .start, streamOffset: 0,
      policy: Self.generous)
    try await writer.value
    #expect(found == ["gossip settled", "CQL ready"], "in pattern order; several lines: polled")
    #expect(!engine.calls.contains { $0.hasPrefix("logs --follow") })
  }

  @Test(arguments: strategies)
  func theContainerExitingEndsTheWaitAtOnceNamingTheNode(streamOffset: Int?) async throws {
    let (engine, log, directory) = try await node("INFO starting\n")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let crash = later {
      try engine.write("node1", "ERROR bad option --foo\n")
      try engine.exit("node1", code: 3)
    }
    let started = ContinuousClock.now
    do {
      _ = try await log.waitFor(
        .line("never"), after: .start, streamOffset: streamOffset,
        policy: Self.generous)
      Issue.record("no error")
    } catch let error as CCMError {
      #expect(
        error
          == .nodeExited(
            node: "node1", exitCode: 3, lastLogLines: ["INFO starting", "ERROR bad option --foo"]))
      #expect(error.message.hasPrefix("node1: container exited with code 3"))
    }
    try await crash.value
    #expect(ContinuousClock.now - started < .seconds(20), "long before the timeout")
  }

  @Test(arguments: strategies)
  func theServerDyingInARunningContainerEndsTheWait(streamOffset: Int?) async throws {
    let (engine, log, directory) = try await node("INFO starting\n")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let death = later {
      try engine.write("node1", "INFO exited: scylla (exit status 1; not expected)\n")
    }
    let started = ContinuousClock.now
    await #expect {
      _ = try await log.waitFor(
        .line("never"), after: .start, streamOffset: streamOffset,
        policy: Self.generous)
    } throws: { error in
      guard case CCMError.serverDied(let node, let how, _) = error else { return false }
      return node == "node1" && how == "exit status 1; not expected"
    }
    try await death.value
    #expect(ContinuousClock.now - started < .seconds(20), "long before the timeout")
  }

  @Test func aWaitThatKeepsWaitingOutlastsTheExit() async throws {
    let (engine, log, directory) = try await node()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try engine.exit("node1", code: 0)
    let writer = later { try engine.write("node1", "DOWN seen\n") }
    let found = try await log.waitFor(
      .line("DOWN"), after: .start, streamOffset: 0,
      policy: Self.generous,
      onExit: .keepWaiting)
    try await writer.value
    #expect(found == ["DOWN seen"])
  }

  @Test(arguments: strategies)
  func aTimeoutEndsWithinAGraceEvenWhenTheEngineIsSilent(streamOffset: Int?) async throws {
    let (engine, log, directory) = try await node("booting\n")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try await log.sync.sync()
    engine.hangLogReads()
    let timeout: Duration = .milliseconds(400)
    let started = ContinuousClock.now
    do {
      _ = try await log.waitFor(
        .line("never", describing: "ready line"), after: .start, streamOffset: streamOffset,
        policy: WaitPolicy(timeout: timeout, interval: .milliseconds(20)))
      Issue.record("no timeout")
    } catch CCMError.waitTimedOut(let node, let awaited, _, let lines) {
      #expect(node == "node1" && awaited == "ready line" && lines == ["booting"])
    }
    let waited = ContinuousClock.now - started
    #expect(waited >= timeout)
    // The slack is for a loaded machine; the engine would hang for an hour.
    #expect(waited < timeout + LogFollow.closingGrace + .seconds(5))
  }

  // The notice rule (`--wait-other-notice`): node1's log, noticing node2 at 10.0.0.2.
  private static let up = "INFO gossip - InetAddress /10.0.0.2 is now UP, status = NORMAL"
  private static let down = "INFO gossip - InetAddress /10.0.0.2 is now DOWN, status = shutdown"
  private static let short = WaitPolicy(timeout: .milliseconds(300), interval: .milliseconds(20))

  @Test func anUpLineAfterTheMarkIsANotice() async throws {
    let (engine, log, directory) = try await node(Self.up + "\n" + Self.down + "\n")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try await log.sync.sync()
    let mark = log.sync.file.mark()
    let writer = later { try engine.write("node1", Self.up + "\n") }
    let found = try await log.waitFor(
      .noticedUp("10.0.0.2", node: "node2"), after: mark,
      policy: Self.generous,
      onExit: .keepWaiting)
    try await writer.value
    #expect(found == [Self.up])
  }

  /// A restart faster than the failure detector logs no new UP line.
  @Test func aLastWordOfUpBeforeTheMarkIsANotice() async throws {
    let (_, log, directory) = try await node(Self.down + "\n" + Self.up + "\n")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try await log.sync.sync()
    let found = try await log.waitFor(
      .noticedUp("10.0.0.2", node: "node2"), after: log.sync.file.mark(), policy: Self.generous,
      onExit: .keepWaiting)
    #expect(found == [Self.up])
  }

  @Test func aLastWordOfDownOrAnotherAddressIsNoNotice() async throws {
    let other = "INFO gossip - InetAddress /10.0.0.22 is now UP, status = NORMAL"
    let (_, log, directory) = try await node(
      Self.up + "\n" + Self.down + "\n" + other + "\n")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try await log.sync.sync()
    let mark = log.sync.file.mark()
    await #expect {
      _ = try await log.waitFor(
        .noticedUp("10.0.0.2", node: "node2"), after: mark, policy: Self.short,
        onExit: .keepWaiting)
    } throws: { error in
      guard case CCMError.waitTimedOut(let node, let awaited, _, _) = error else { return false }
      return node == "node1" && awaited == "'10.0.0.2 is now UP' (node2 noticed)"
    }
  }
}
