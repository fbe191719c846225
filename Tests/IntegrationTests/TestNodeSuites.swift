import Testing

@testable import CCMCore

/// The test node image's contract on each flavour (`CCMSH_TEST_NODE_IMAGES`), on podman...
@Suite(
  "Podman test node image", .tags(.container, .podman),
  .enabled("podman answers, or CCMSH_REQUIRE_ENGINES=1") { await Engines.shouldRun(.podman) })
struct PodmanTestNodeTests {
  @Test(arguments: TestNodeScenario.allCases, Engines.testImages)
  func scenario(_ scenario: TestNodeScenario, image: String) async throws {
    try await EngineSlots.run { try await scenario.run(on: .podman, image: image) }
  }
}

/// ...and on docker.
@Suite(
  "Docker test node image", .tags(.container, .docker),
  .enabled("docker answers, or CCMSH_REQUIRE_ENGINES=1") { await Engines.shouldRun(.docker) })
struct DockerTestNodeTests {
  @Test(arguments: TestNodeScenario.allCases, Engines.testImages)
  func scenario(_ scenario: TestNodeScenario, image: String) async throws {
    try await EngineSlots.run { try await scenario.run(on: .docker, image: image) }
  }
}
