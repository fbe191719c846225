import Foundation
import Testing

@testable import CCMCore
@testable import CCMShell

/// The one way into a cluster: resolved once, it hands out what its kind can do.
@Suite struct ClusterHandleTests {
  private func context(_ cli: CLIHarness) -> CommandContext {
    CommandContext(
      environment: cli.environment, output: CapturedOutput(), lockWait: .milliseconds(50),
      runner: cli.engine)
  }

  private func installDirectory(_ cli: CLIHarness) throws -> String {
    let install = cli.configDirectory + "/install"
    try FileManager.default.createDirectory(
      atPath: install + "/conf", withIntermediateDirectories: true)
    try BaseScyllaYAML.builtInDefault.write(
      toFile: install + "/conf/scylla.yaml", atomically: true, encoding: .utf8)
    return install
  }

  @Test func anInstallDirClusterHasNoContainers() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    #expect(await cli.run("create p -n 2 --install-dir \(try installDirectory(cli))").status == .ok)
    let handle = try await context(cli).cluster(try GlobalOptions.parse([]))
    #expect(handle is StateOnlyCluster && handle.containers == nil)
    #expect(handle.name == "p" && handle.snapshot.nodes.map(\.name) == ["node1", "node2"])
    #expect(try await handle.liveAddresses().isEmpty)
    try await handle.removeNode("node2")
    #expect(!cli.exists("p/node2"))
    try await handle.remove()
    #expect(!cli.exists("p"))
  }

  @Test func anInstallDirClusterHasNoContainerHandle() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    #expect(await cli.run("create p -n 1 --install-dir \(try installDirectory(cli))").status == .ok)
    await #expect(throws: CCMError.notAContainerCluster("p")) {
      _ = try await context(cli).container(try GlobalOptions.parse([]))
    }
  }

  @Test func aContainerClusterHandsOutItsLifecycle() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create c -n 1").status == .ok)
    let handle = try await context(cli).cluster(try GlobalOptions.parse([]), named: "c")
    #expect(handle is ContainerCluster)
    #expect((handle as? ContainerCluster)?.name == "c" && handle.containers != nil)
    #expect(try await handle.liveAddresses().isEmpty)
  }

  @Test func anUnknownClusterIsOneError() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    await #expect(throws: CCMError.clusterNotFound("nope")) {
      _ = try await context(cli).cluster(try GlobalOptions.parse([]), named: "nope")
    }
  }
}
