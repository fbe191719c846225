import CCMTestSupport
import Testing

@testable import CCMCore

/// The fakes keep state and refuse what they do not model.
@Suite struct HonestFakesTests {
  @Test func aContainerGoesThroughItsLifecycleAsState() async throws {
    let engine = InMemoryEngine(images: ["localhost/img:1"])
    try await engine.createNetwork(NetworkSpec(name: "ccm-c", labels: ["org.ccmsh.cluster": "c"]))
    let spec = ContainerSpec(
      image: "localhost/img:1", name: "c-node1", labels: ["org.ccmsh.cluster": "c"],
      network: NetworkAttachment(network: "ccm-c", ipv4Address: "10.1.2.11"))
    _ = try await engine.run(spec)
    #expect(try await engine.inspect("c-node1").state.status == .running)
    #expect(try await engine.inspect("c-node1").ipAddress(on: "ccm-c") == "10.1.2.11")
    try await engine.stop("c-node1", timeout: .seconds(1))
    let stopped = try await engine.inspect(labels: ["org.ccmsh.cluster": "c"])
    #expect(stopped.map(\.state.status) == [.exited])
    await #expect(throws: ContainerError.self) {
      try await engine.removeNetwork("ccm-c")  // still attached
    }
    try await engine.remove("c-node1", mode: .onlyIfStopped, volumes: .remove)
    try await engine.removeNetwork("ccm-c")
    #expect(engine.containers.isEmpty && engine.networkNames.isEmpty)
    #expect(try await engine.inspect(["c-node1"]).isEmpty)
  }

  @Test func missingThingsFailAsTheEngineWould() async throws {
    let engine = InMemoryEngine(registry: ["localhost/img:2"])
    await #expect(throws: ContainerError.self) {
      _ = try await engine.run(ContainerSpec(image: "localhost/img:2", name: "x"))
    }
    try await engine.pull("localhost/img:2")
    _ = try await engine.run(ContainerSpec(image: "localhost/img:2", name: "x"))
    await #expect(throws: ContainerError.self) {
      _ = try await engine.run(ContainerSpec(image: "localhost/img:2", name: "x"))
    }
    await #expect(throws: ContainerError.self) { try await engine.start("nope") }
  }

  @Test func unmodelledCallsThrow() async throws {
    let engine = InMemoryEngine(images: ["i"])
    _ = try await engine.run(ContainerSpec(image: "i", name: "x"))
    await #expect(throws: UnmodelledCall.self) {
      _ = try await engine.exec("x", ExecRequest(["true"]))
    }
    await #expect(throws: UnmodelledCall.self) {
      try await engine.copyFromImage("i", path: "/etc/scylla", to: "/tmp/x")
    }
  }

  @Test func argvFakesRefuseAnArgvTheClientsNeverSend() async throws {
    let runner = FakeProcessRunner()
    await #expect(throws: UnmodelledCall.self) {
      _ = try await runner.run(
        ProcessCommand("podman", ["strat", "c-node1"], timeout: .seconds(5)))
    }
    await #expect(throws: UnmodelledCall.self) {
      _ = try await runner.run(
        ProcessCommand("docker", ["network", "prune"], timeout: .seconds(5)))
    }
    #expect(
      try await runner.run(ProcessCommand("podman", ["start", "c-node1"], timeout: .seconds(5)))
        .status == .exited(0))
    let simulated = SimulatedEngine().makeRunner()
    await #expect(throws: UnmodelledCall.self) {
      _ = try await simulated.run(ProcessCommand("podman", ["unpuase", "x"], timeout: .seconds(5)))
    }
  }
}
