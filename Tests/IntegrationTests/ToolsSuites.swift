import CCMCore
import Foundation
import Testing

/// Whether `CCMSH_TEST_ENGINES` (e.g. `docker`, `podman`, `docker,podman`) selects an engine;
/// unset selects both.
enum EngineSelection {
  static func selects(_ kind: RuntimeKind) -> Bool {
    guard let list = ProcessInfo.processInfo.environment["CCMSH_TEST_ENGINES"], !list.isEmpty
    else { return true }
    return list.split(whereSeparator: { $0 == "," || $0 == "|" || $0 == " " })
      .contains { $0 == kind.rawValue }
  }

  static func shouldRun(_ kind: RuntimeKind) async -> Bool {
    guard selects(kind) else {
      print("skipping the \(kind.rawValue) tools suite: CCMSH_TEST_ENGINES does not name it")
      return false
    }
    return await Engines.shouldRun(kind)
  }
}

@Suite(
  "Node tools and faults on podman", .tags(.container, .podman),
  .enabled("podman answers (or is required) and is selected") {
    await EngineSelection.shouldRun(.podman)
  })
struct PodmanToolsTests {
  @Test(arguments: ToolsScenario.allCases)
  func scenario(_ scenario: ToolsScenario) async throws {
    try await scenario.run(on: .podman)
  }
}

@Suite(
  "Node tools and faults on docker", .tags(.container, .docker),
  .enabled("docker answers (or is required) and is selected") {
    await EngineSelection.shouldRun(.docker)
  })
struct DockerToolsTests {
  @Test(arguments: ToolsScenario.allCases)
  func scenario(_ scenario: ToolsScenario) async throws {
    try await scenario.run(on: .docker)
  }
}
