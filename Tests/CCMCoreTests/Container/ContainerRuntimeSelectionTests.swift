import Testing

@testable import CCMCore

/// Runtime selection order: flag, cluster.conf, environment, docker if it answers, podman.
@Suite struct ContainerRuntimeSelectionTests {
  let dockerUp = FakeProcessRunner { _ in .ok("20.10.24\n") }
  let dockerDown = FakeProcessRunner { command in
    command.executable == "docker"
      ? .fail(1, "Cannot connect to the Docker daemon at unix:///var/run/docker.sock.")
      : .ok("4.3.1")
  }

  @Test func explicitChoicesWinInOrder() async throws {
    let env = [RuntimeSelection.environmentVariable: "docker"]
    var choice = try await RuntimeSelection.select(
      flag: "podman", clusterConfig: "docker", environment: env, runner: dockerUp)
    #expect(choice.kind == .podman && choice.source == .flag)
    choice = try await RuntimeSelection.select(
      clusterConfig: "Podman", environment: env, runner: dockerUp)
    #expect(choice.kind == .podman && choice.source == .clusterConfig)
    choice = try await RuntimeSelection.select(environment: env, runner: dockerDown)
    #expect(choice.kind == .docker && choice.source == .environment)
    #expect(dockerUp.commands.isEmpty && dockerDown.commands.isEmpty)  // no probes needed
  }

  @Test func automaticChoicePrefersAnAnsweringDocker() async throws {
    let choice = try await RuntimeSelection.select(environment: [:], runner: dockerUp)
    #expect(choice.kind == .docker && choice.source == .dockerAnswered)
    #expect(dockerUp.argvs == [["docker", "version", "--format", "{{.Server.Version}}"]])
    #expect(dockerUp.commands[0].timeout == .seconds(3))
  }

  @Test func automaticChoiceFallsBackToPodman() async throws {
    let choice = try await RuntimeSelection.select(environment: [:], runner: dockerDown)
    #expect(choice.kind == .podman && choice.source == .podmanFallback)
  }

  @Test func missingRuntimesAreReportedWithoutProbing() async throws {
    let none = FakeProcessRunner(installed: [])
    await #expect(throws: ContainerError.noRuntimeAvailable) {
      try await RuntimeSelection.select(environment: [:], runner: none)
    }
    await #expect(throws: ContainerError.runtimeNotFound(.docker)) {
      try await RuntimeSelection.select(flag: "docker", environment: [:], runner: none)
    }
    await #expect(
      throws: ContainerError.unknownRuntime(name: "rkt", source: "CCM_CONTAINER_RUNTIME")
    ) {
      try await RuntimeSelection.select(environment: ["CCM_CONTAINER_RUNTIME": "rkt"], runner: none)
    }
    #expect(none.commands.isEmpty)
  }

  @Test func stoppedDockerWithoutPodmanSaysTheDaemonIsDown() async throws {
    let onlyDocker = FakeProcessRunner(installed: ["docker"]) { _ in
      .fail(1, "Cannot connect to the Docker daemon at unix:///var/run/docker.sock.")
    }
    await #expect {
      try await RuntimeSelection.select(environment: [:], runner: onlyDocker)
    } throws: { error in
      guard case ContainerError.runtimeUnavailable(.docker, _) = error else { return false }
      return true
    }
  }

  @Test func logLevelFromFlagsAndEnvironment() throws {
    #expect(try CCMLogging.level(verbosity: 0, environment: [:]) == .warning)
    #expect(try CCMLogging.level(verbosity: 1, environment: [:]) == .debug)
    #expect(try CCMLogging.level(verbosity: 2, environment: [:]) == .trace)
    #expect(try CCMLogging.level(verbosity: 0, environment: ["CCMSH_LOG_LEVEL": "TRACE"]) == .trace)
    #expect(try CCMLogging.level(verbosity: 1, environment: ["CCMSH_LOG_LEVEL": "error"]) == .debug)
    #expect(throws: CCMLogging.InvalidLevel(variable: "CCMSH_LOG_LEVEL", value: "bogus")) {
      try CCMLogging.level(verbosity: 0, environment: ["CCMSH_LOG_LEVEL": "bogus"])
    }
  }
}
