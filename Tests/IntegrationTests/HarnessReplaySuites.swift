import Testing

@testable import CCMCore

/// The driver harness replays (`HarnessReplayScenarios`) on each engine.
@Suite(
  "harness replays on docker", .tags(.container, .docker),
  .enabled("docker answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.docker)
  })
struct DockerHarnessReplayTests {
  @Test func loopbackCluster() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.loopbackCluster(on: .docker) }
  }
  @Test func gocql() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.gocql(on: .docker) }
  }
  @Test func rust() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.rust(on: .docker) }
  }
  @Test func java3() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.java3(on: .docker) }
  }
  @Test func java4() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.java4(on: .docker) }
  }
  @Test func cppRS() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.cppRS(on: .docker) }
  }
  @Test func csharp() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.csharp(on: .docker) }
  }
  @Test func nodejsRS() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.nodejsRS(on: .docker) }
  }
}

@Suite(
  "harness replays on podman", .tags(.container, .podman),
  .enabled("podman answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.podman)
  })
struct PodmanHarnessReplayTests {
  @Test func loopbackCluster() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.loopbackCluster(on: .podman) }
  }
  @Test func gocql() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.gocql(on: .podman) }
  }
  @Test func rust() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.rust(on: .podman) }
  }
  @Test func java3() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.java3(on: .podman) }
  }
  @Test func java4() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.java4(on: .podman) }
  }
  @Test func cppRS() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.cppRS(on: .podman) }
  }
  @Test func csharp() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.csharp(on: .podman) }
  }
  @Test func nodejsRS() async throws {
    try await EngineSlots.run { try await HarnessReplayScenarios.nodejsRS(on: .podman) }
  }
}
