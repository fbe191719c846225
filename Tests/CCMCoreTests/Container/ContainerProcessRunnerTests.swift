import Foundation
import Testing

@testable import CCMCore

/// The real runner: capture, exit codes, deadlines that kill the whole process group, and streaming
/// children that die when the reader stops.
@Suite struct ContainerProcessRunnerTests {
  let runner = SubprocessRunner()

  @Test func capturesOutputAndStatus() async throws {
    let output = try await runner.run(
      ProcessCommand(
        "sh", ["-c", "cat; echo err >&2; exit 3"], standardInput: "in", timeout: .seconds(10)))
    #expect(
      output == ProcessOutput(status: .exited(3), standardOutput: "in", standardError: "err\n"))
  }

  @Test func timeoutKillsTheWholeProcessGroup() async throws {
    let marker = "/tmp/ccmsh-runner-\(UUID().uuidString)"
    let started = ContinuousClock.now
    await #expect(throws: ProcessError.self) {
      // The grandchild would write the marker after 3 s if it survived the teardown.
      _ = try await runner.run(
        ProcessCommand(
          "sh", ["-c", "(sleep 3; touch \(marker)) & sleep 30"], timeout: .milliseconds(500)))
    }
    #expect(ContinuousClock.now - started < .seconds(5))
    try await Task.sleep(for: .seconds(3.5))
    #expect(!FileManager.default.fileExists(atPath: marker))
  }

  /// A child that ignores SIGTERM is killed at its timeout (SIGKILL after the 2 s grace) and
  /// is gone when the call returns: the runner awaits its teardown.
  @Test func aChildThatIgnoresSIGTERMIsGoneWhenTheTimeoutReturns() async throws {
    let pidFile = "/tmp/ccmsh-runner-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: pidFile) }
    let started = ContinuousClock.now
    await #expect(
      throws: ProcessError.timedOut(
        argv: ["sh", "-c", "trap '' TERM; echo $$ > \(pidFile); sleep 30"],
        after: .milliseconds(500))
    ) {
      _ = try await runner.run(
        ProcessCommand(
          "sh", ["-c", "trap '' TERM; echo $$ > \(pidFile); sleep 30"],
          timeout: .milliseconds(500)))
    }
    #expect(ContinuousClock.now - started < .seconds(5))
    let pid = try #require(
      Int32(
        try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(
          in: .whitespacesAndNewlines)))
    #expect(kill(pid, 0) != 0, "the child outlived the call")
  }

  /// A `.finish` child (an engine call that changes state) runs to its end when its caller is
  /// cancelled, and the caller gets its output.
  @Test func aFinishingChildOutlivesItsCallersCancellation() async throws {
    let command = ProcessCommand(
      "sh", ["-c", "sleep 0.6; echo done"], timeout: .seconds(20), whenCancelled: .finish)
    let call = Task { try await runner.run(command) }
    try await Task.sleep(for: .milliseconds(150))
    call.cancel()
    let output = try await call.value
    #expect(output == ProcessOutput(status: .exited(0), standardOutput: "done\n"))
  }

  /// A `.terminate` child (the default) is torn down at once when its caller is cancelled.
  @Test func aTerminatingChildEndsWithItsCaller() async throws {
    let command = ProcessCommand("sh", ["-c", "sleep 8; echo done"], timeout: .seconds(20))
    let started = ContinuousClock.now
    let call = Task { try await runner.run(command) }
    try await Task.sleep(for: .milliseconds(150))
    call.cancel()
    let output = try? await call.value
    #expect(output?.standardOutput != "done\n")
    #expect(ContinuousClock.now - started < .seconds(6))
  }

  @Test func streamingChildDiesWhenTheReaderStops() async throws {
    let pidFile = "/tmp/ccmsh-runner-\(UUID().uuidString)"
    var seen: [String] = []
    for try await line in runner.lines(
      ProcessCommand(
        "sh", ["-c", "echo $$ > \(pidFile); while :; do echo tick; sleep 0.05; done"],
        timeout: .seconds(30)))
    {
      seen.append(line)
      if seen.count == 3 { break }
    }
    #expect(seen == ["tick", "tick", "tick"])
    let pid = try String(contentsOfFile: pidFile, encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    try? FileManager.default.removeItem(atPath: pidFile)
    var gone = false
    for _ in 0..<60 where !gone {
      try await Task.sleep(for: .milliseconds(100))
      gone = !FileManager.default.fileExists(atPath: "/proc/\(pid)")
    }
    #expect(gone, "the streaming child \(pid) outlived its reader")
  }

  @Test func missingExecutableIsALaunchFailure() async throws {
    await #expect {
      _ = try await runner.run(ProcessCommand("ccmsh-no-such-binary", [], timeout: .seconds(5)))
    } throws: { error in
      guard case ProcessError.launchFailed = error else { return false }
      return true
    }
    #expect(runner.locate(executable: "sh") != nil)
    #expect(runner.locate(executable: "ccmsh-no-such-binary") == nil)
  }
}
