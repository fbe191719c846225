import Testing

@testable import CCMCore

/// The same scenarios against the podman CLI...
@Suite(
  "Podman engine", .tags(.container, .podman),
  .enabled("podman answers, or CCMSH_REQUIRE_ENGINES=1") { await Engines.shouldRun(.podman) })
struct PodmanEngineTests {
  @Test(arguments: EngineScenario.allCases)
  func scenario(_ scenario: EngineScenario) async throws {
    try await EngineSlots.run { try await scenario.run(on: .podman) }
  }
}

/// ...and against the docker CLI talking to a real dockerd.
@Suite(
  "Docker engine", .tags(.container, .docker),
  .enabled("docker answers, or CCMSH_REQUIRE_ENGINES=1") { await Engines.shouldRun(.docker) })
struct DockerEngineTests {
  @Test(arguments: EngineScenario.allCases)
  func scenario(_ scenario: EngineScenario) async throws {
    try await EngineSlots.run { try await scenario.run(on: .docker) }
  }
}
