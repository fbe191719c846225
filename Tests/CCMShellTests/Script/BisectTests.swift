import Foundation
import Testing

@testable import CCMCore
@testable import CCMShell

/// `run --bisect`: 125 when the scenario failed because of the machine (image missing, engine
/// error), 1 when it failed on its own.
@Suite struct BisectTests {
  @Test func aMissingImageDuringTheScriptExits125UnderBisect() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    cli.engine.removeImage("gone:1")
    let file = try cli.script("image.ccm", "create c -n 1 --docker-image gone:1\necho never\n")
    let plain = await cli.run(arguments: ["run", file])
    #expect(plain.status == .failure)
    #expect(plain.stderr.contains("image 'gone:1' is not in"))
    let bisect = await cli.run(arguments: ["run", "--bisect", file])
    #expect(bisect.status == .infrastructure)
    #expect(bisect.stderr.contains("exit 125 under --bisect"))
    #expect(!bisect.stdout.contains("never"))
  }

  @Test func aScenarioFailureStillExits1UnderBisect() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let failing = try cli.script("assert.ccm", "create c -n 1\nassert $(status).nodes.count == 2\n")
    let run = await cli.run(arguments: ["run", "--bisect", failing])
    #expect(run.status == .failure)
    #expect(!run.stderr.contains("--bisect"))
    // Any infrastructure failure seen during a failed scenario counts, even one it caught:
    // the scenario may have failed for lack of what that command should have made.
    let recovered = try cli.script(
      "recovered.ccm",
      "try { create d -n 1 --docker-image gone:2 } on failure { echo no image }\nassert 1 == 2\n")
    cli.engine.removeImage("gone:2")
    #expect(await cli.run(arguments: ["run", "--bisect", recovered]).status == .infrastructure)
  }

  @Test func classification() {
    let failure = CommandFailure(argv: ["docker", "x"], status: .exited(1), standardError: "")
    let infrastructure: [ContainerError] = [
      .runtimeNotFound(.docker), .runtimeUnavailable(.podman, failure), .noRuntimeAvailable,
      .imageNotFound(image: "i", failure), .commandFailed(failure),
      .timedOut(argv: ["docker"], after: .seconds(1)),
    ]
    #expect(infrastructure.allSatisfy { $0.isInfrastructure })
    let behaviour: [ContainerError] = [
      .containerNotFound(name: "n", failure), .execFailed(container: "n", failure),
    ]
    #expect(behaviour.allSatisfy { !$0.isInfrastructure })
    #expect(CCMError.imageNotFound(image: "i", runtime: "docker").isInfrastructure)
    let nodeProblems: [CCMError] = [
      .waitTimedOut(node: "node1", awaited: "CQL", seconds: 1, lastLogLines: []),
      .nodeExited(node: "node1", exitCode: 1, lastLogLines: []),
      .nodeState(node: "node1", problem: "stopped"), .clusterNotFound("c"),
    ]
    #expect(nodeProblems.allSatisfy { !$0.isInfrastructure })
  }

  /// N16: a host limit — the AIO budget, a server that died for lack of AIO contexts, disk or
  /// memory — is the machine's, so `--bisect` exits 125 for it; a crash of its own is not.
  @Test func hostLimitsAreInfrastructure() {
    let hostLimits: [CCMError] = [
      .hostLimit(node: "node1", problem: "cannot start: the host has 0 kernel AIO contexts free"),
      .serverDied(
        node: "node1", how: "exited",
        lastLogLines: [
          "ERROR seastar - Could not setup Async I/O: Resource temporarily unavailable"
        ]),
      .nodeExited(
        node: "node2", exitCode: 1,
        lastLogLines: [
          "Your system does not satisfy minimum AIO requirements. Set /proc/sys/fs/aio-max-nr to at least 65536"
        ]),
      .nodeExited(node: "node3", exitCode: 1, lastLogLines: ["commitlog: No space left on device"]),
      .waitTimedOut(
        node: "node1", awaited: "CQL", seconds: 60, lastLogLines: ["mmap: Cannot allocate memory"]),
    ]
    #expect(hostLimits.allSatisfy { $0.isInfrastructure })
    let ownCrash = CCMError.serverDied(
      node: "node1", how: "exited", lastLogLines: ["Assertion `x' failed", "Aborting"])
    #expect(!ownCrash.isInfrastructure)
  }
}
