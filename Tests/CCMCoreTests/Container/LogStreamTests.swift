import Foundation
import Testing

@testable import CCMCore

/// Both of a container's streams reach every log consumer, through one pipe; children are known
/// until they end.
@Suite struct LogStreamTests {
  @Test(arguments: RuntimeKind.allCases)
  func everyLogCallMergesStandardErrorIntoTheOutputPipe(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner(streamed: ["a"]) { _ in .ok("l1\n") }
    let client = makeClient(kind, runner)
    _ = try await client.logs("n", options: LogOptions())
    for try await _ in client.followLogs("n", options: LogOptions()) {}
    for try await _ in client.logLines("n", options: LogOptions()) {}
    #expect(runner.commands.count == 3)
    #expect(runner.commands.allSatisfy { $0.standardError == .mergedWithOutput })
    #expect(
      runner.argvs.map { Array($0.dropFirst()) } == [
        ["logs", "n"], ["logs", "--follow", "n"], ["logs", "n"],
      ])
  }

  @Test func aMissingContainerEndsTheLineStreamWithItsError() async throws {
    let runner = FakeProcessRunner { _ in
      .fail(125, "Error: no container with name or ID \"n\" found: no such container")
    }
    await #expect(throws: ContainerError.self) {
      for try await _ in makeClient(.podman, runner).logLines("n", options: LogOptions()) {}
    }
  }

  @Test func theRealRunnerKeepsTheChildsOrderAcrossBothStreams() async throws {
    let script = "echo out1; echo err1 >&2; echo out2; echo err2 >&2"
    let output = try await SubprocessRunner().run(
      ProcessCommand("sh", ["-c", script], timeout: .seconds(10), standardError: .mergedWithOutput))
    #expect(output.standardOutput == "out1\nerr1\nout2\nerr2\n")
    var lines: [String] = []
    for try await line in SubprocessRunner().lines(
      ProcessCommand("sh", ["-c", script], timeout: .seconds(10), standardError: .mergedWithOutput))
    {
      lines.append(line)
    }
    #expect(lines == ["out1", "err1", "out2", "err2"])
  }

  @Test func aFailedMergedRunCarriesItsMessageAsStandardError() async throws {
    let output = try await SubprocessRunner().run(
      ProcessCommand(
        "sh", ["-c", "echo 'Error: no such container' >&2; exit 125"], timeout: .seconds(10),
        standardError: .mergedWithOutput))
    #expect(output.status == .exited(125))
    #expect(output.standardError.contains("no such container"))
  }

  @Test func runningChildrenAreKnownAndEndedByTerminateAll() async throws {
    let pidFile = "/tmp/ccmsh-children-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: pidFile) }
    let stream = SubprocessRunner().lines(
      ProcessCommand(
        "sh", ["-c", "echo $$ > \(pidFile); echo up; exec sleep 60"], timeout: .seconds(120)))
    let reader = Task {
      var count = 0
      for try await _ in stream { count += 1 }
      return count
    }
    var pid: Int32?
    for _ in 0..<100 where pid == nil {
      try await Task.sleep(for: .milliseconds(50))
      pid = (try? String(contentsOfFile: pidFile, encoding: .utf8))
        .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
    let child = try #require(pid)
    #expect(ChildProcesses.running.contains(child))
    #expect(ChildProcesses.terminate([child]) == 1)
    // The stream ends as soon as the child is gone (long before its 60 s sleep).
    let clock = ContinuousClock()
    let started = clock.now
    _ = try? await reader.value
    #expect(clock.now - started < .seconds(10))
    #expect(!ChildProcesses.running.contains(child))
  }
}
