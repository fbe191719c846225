import Foundation
import Testing

@testable import CCMCore
@testable import CCMShell

/// The life-cycle commands' bad input: one line, the right status, nothing changed.
@Suite struct LifecycleCLITests {
  private func expectUsage(_ run: CLIHarness.Run, containing fragment: String) {
    #expect(run.status == .usage)
    #expect(
      run.stderr.hasPrefix("ccmsh: error: ") && run.stderr.contains(fragment), "\(run.stderr)")
    #expect(run.stderr.filter { $0 == "\n" }.count == 1, "one line: \(run.stderr)")
  }

  @Test func badContainerOptionsChangeNothing() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    expectUsage(await cli.run("create c -n 1 --env NOEQUALS"), containing: "--env takes NAME=VALUE")
    expectUsage(await cli.run("create c -n 1 --container-memory lots"), containing: "512m or 2g")
    expectUsage(await cli.run("create c -n 1 --container-cpus 0"), containing: "must be positive")
    expectUsage(await cli.run("create c -n 1 --image-flag =1"), containing: "--image-flag")
    #expect(!cli.exists("c"))
    #expect(cli.engine.calls.isEmpty, "nothing asked of the engine before the input is valid")
  }

  @Test func settingsAreRecorded() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let created = await cli.run(
      "create c -n 1 --env A=1 --env B=x=y --container-cpus 1.5 --container-memory 512m"
        + " --image-flag smp=2 --start-timeout 60")
    #expect(created.status == .ok, "\(created.stderr)")
    let conf = try cli.read("c/cluster.conf")
    #expect(conf.contains("environment:\n  A: '1'\n  B: x=y\n"))
    #expect(conf.contains("image_flags:\n  smp: '2'\n"))
    #expect(conf.contains("container_cpus: 1.5\ncontainer_memory: 536870912\n"))
    #expect(conf.contains("start_timeout: 60\n"))
    #expect(await cli.run("add node2 --env C=3").status == .ok)
    #expect(try cli.read("c/node2/node.conf").contains("environment:\n  C: '3'\n"))
  }

  @Test func lifecycleUsageErrors() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create c -n 1").status == .ok)
    expectUsage(await cli.run("start --no-wait --wait-for-binary-proto"), containing: "--no-wait")
    expectUsage(await cli.run("start --timeout 0"), containing: "--timeout must be positive")
    expectUsage(await cli.run("node1 kill SIGBOGUS"), containing: "SIGBOGUS")
    let unknown = await cli.run("node9 pause")
    #expect(unknown.status == .failure && unknown.stderr.contains("has no node 'node9'"))
  }

  @Test func signalsByNameOrNumber() {
    #expect(ContainerSignal(argument: "SIGTERM") == .terminate)
    #expect(ContainerSignal(argument: "hup") == .hangup)
    #expect(ContainerSignal(argument: "9") == .kill)
    #expect(ContainerSignal(argument: "42") == nil)
  }

  @Test func lifecycleOfAnInstallDirClusterIsRefused() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    let install = cli.configDirectory + "/install"
    try FileManager.default.createDirectory(
      atPath: install + "/conf", withIntermediateDirectories: true)
    try BaseScyllaYAML.builtInDefault.write(
      toFile: install + "/conf/scylla.yaml", atomically: true, encoding: .utf8)
    #expect(await cli.run("create p -n 1 --install-dir \(install)").status == .ok)
    let start = await cli.run("start")
    #expect(start.status == .failure && start.stderr.contains("has no docker_image"))
  }
}
