import Foundation
import Testing

@testable import CCMCore

/// Which engine calls run to their end when ccmsh is cancelled: the ones that change the
/// engine's state (a podman `start` killed during its network setup keeps its address lease, and
/// the container can never start again); queries, log streams and a user's `exec` end at once.
@Suite struct ContainerCancellationTests {
  @Test(arguments: RuntimeKind.allCases)
  func stateChangingCallsFinish(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner { _ in .ok("id\n") }
    let client = makeClient(kind, runner)
    _ = try await client.run(
      ContainerSpec(
        image: "img", name: "c1", hostname: "n1",
        network: NetworkAttachment(network: "net", ipv4Address: "10.0.0.2")))
    try await client.start("c1")
    try await client.stop("c1", timeout: .seconds(3))
    try await client.kill("c1", signal: .kill)
    try await client.pause("c1")
    try await client.unpause("c1")
    try await client.remove("c1", mode: .force, volumes: .remove)
    try await client.createNetwork(NetworkSpec(name: "net"))
    try await client.removeNetwork("net")
    let verbs = runner.commands.map { $0.arguments.prefix(2).joined(separator: " ") }
    #expect(runner.commands.count == 9)
    for command in runner.commands {
      #expect(command.whenCancelled == .finish, "\(command.argv)")
    }
    #expect(verbs.contains("network create") && verbs.contains("network rm"))
  }

  @Test(arguments: RuntimeKind.allCases)
  func queriesStreamsAndExecEndAtOnce(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner { _ in .ok("") }
    let client = makeClient(kind, runner)
    _ = try? await client.inspect(["c1"])
    _ = try? await client.list(labels: ["a": "b"])
    _ = try? await client.logs("c1", options: LogOptions())
    _ = try? await client.exec("c1", ExecRequest(["nodetool", "status"]))
    _ = try? await client.listNetworks(labels: [:])
    #expect(runner.commands.count == 5)
    for command in runner.commands {
      #expect(command.whenCancelled == .terminate, "\(command.argv)")
    }
  }

  @Test func verbTable() {
    #expect(ContainerCLIEngine.changesState(["swarm", "join", "--token", "t"]))
    #expect(!ContainerCLIEngine.changesState(["swarm", "join-token", "worker"]))
    #expect(ContainerCLIEngine.changesState(["volume", "rm", "v"]))
    #expect(!ContainerCLIEngine.changesState(["network", "inspect", "n"]))
    #expect(!ContainerCLIEngine.changesState(["image", "inspect", "i"]))
    #expect(!ContainerCLIEngine.changesState([]))
  }
}
