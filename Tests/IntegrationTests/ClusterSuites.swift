import Testing

@testable import CCMCore

/// Container-cluster life cycles on podman...
@Suite(
  "Podman clusters", .tags(.container, .podman),
  .enabled("podman answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.podman)
  })
struct PodmanClusterTests {
  @Test(arguments: ClusterScenario.allCases)
  func scenario(_ scenario: ClusterScenario) async throws {
    try await EngineSlots.run { try await scenario.run(on: .podman) }
  }
}

/// ...and on docker with a real dockerd.
@Suite(
  "Docker clusters", .tags(.container, .docker),
  .enabled("docker answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.docker)
  })
struct DockerClusterTests {
  @Test(arguments: ClusterScenario.allCases)
  func scenario(_ scenario: ClusterScenario) async throws {
    try await EngineSlots.run { try await scenario.run(on: .docker) }
  }
}
