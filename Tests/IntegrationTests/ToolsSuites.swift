import Testing

@testable import CCMCore

@Suite(
  "Node tools and faults on podman", .tags(.container, .podman),
  .enabled("podman answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.podman)
  })
struct PodmanToolsTests {
  @Test(arguments: ToolsScenario.allCases)
  func scenario(_ scenario: ToolsScenario) async throws {
    try await EngineSlots.run { try await scenario.run(on: .podman) }
  }
}

@Suite(
  "Node tools and faults on docker", .tags(.container, .docker),
  .enabled("docker answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.docker)
  })
struct DockerToolsTests {
  @Test(arguments: ToolsScenario.allCases)
  func scenario(_ scenario: ToolsScenario) async throws {
    try await EngineSlots.run { try await scenario.run(on: .docker) }
  }
}
