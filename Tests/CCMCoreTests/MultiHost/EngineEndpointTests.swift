import Testing

@testable import CCMCore

/// Parsing `--engine` values and the exact argv that sends a call to one engine.
@Suite struct EngineEndpointTests {
  @Test(arguments: [
    (
      "unix:///run/ccmsh-mh/d1/docker.sock",
      EngineEndpoint.url("unix:///run/ccmsh-mh/d1/docker.sock")
    ),
    ("tcp://10.0.0.5:2376", .url("tcp://10.0.0.5:2376")),
    ("ssh://ci@host2", .url("ssh://ci@host2")),
    ("host2", .context("host2")),
    ("dc1.rack-2+x_y", .context("dc1.rack-2+x_y")),
  ])
  func parsesEnginesAndRoundTrips(text: String, expected: EngineEndpoint) throws {
    let endpoint = try EngineEndpoint(parsing: text)
    #expect(endpoint == expected)
    #expect(endpoint.description == text)
  }

  @Test(arguments: [
    "", "a", "-H", "--host=x", "http://host:2375", "unix://relative.sock", "tcp://", "ssh://a b",
    "ctx name", "npipe:////./pipe/docker", "ctx/x",
  ])
  func refusesWhatNeitherCLIAccepts(text: String) {
    #expect(throws: EngineEndpoint.invalid(text)) { try EngineEndpoint(parsing: text) }
    #expect(EngineEndpoint.invalid(text).message.hasPrefix("invalid engine '\(text)': expected"))
  }

  @Test func dockerGoesToAURLWithHostAndToAContextWithContext() async throws {
    let runner = FakeProcessRunner { _ in .ok() }
    let byURL = DockerClient(runner: runner, endpoint: .url("unix:///run/d2/docker.sock"))
    let byContext = DockerClient(runner: runner, endpoint: .context("host2"))
    try await byURL.stop("ccm-c1-node2", timeout: .seconds(5))
    try await byContext.pause("ccm-c1-node3")
    _ = try await byURL.exec("ccm-c1-node2", ExecRequest(["nodetool", "status"]))
    #expect(
      runner.argvs == [
        ["docker", "--host", "unix:///run/d2/docker.sock", "stop", "--time", "5", "ccm-c1-node2"],
        ["docker", "--context", "host2", "pause", "ccm-c1-node3"],
        [
          "docker", "--host", "unix:///run/d2/docker.sock", "exec", "ccm-c1-node2", "nodetool",
          "status",
        ],
      ])
  }

  @Test func followedLogsGoToTheEngineToo() async throws {
    let runner = FakeProcessRunner(streamed: ["line"]) { _ in .ok() }
    let client = DockerClient(runner: runner, endpoint: .context("host2"))
    for try await _ in client.followLogs("n2", options: LogOptions()) {}
    #expect(runner.argvs == [["docker", "--context", "host2", "logs", "--follow", "n2"]])
  }

  @Test func podmanUsesItsOwnOptions() async throws {
    let runner = FakeProcessRunner { _ in .ok() }
    try await PodmanClient(runner: runner, endpoint: .url("ssh://root@h2")).start("n1")
    try await PodmanClient(runner: runner, endpoint: .context("h2")).start("n1")
    #expect(
      runner.argvs == [
        ["podman", "--url", "ssh://root@h2", "start", "n1"],
        ["podman", "--connection", "h2", "start", "n1"],
      ])
  }

  @Test func noEndpointKeepsTodaysArgv() async throws {
    let runner = FakeProcessRunner { _ in .ok() }
    try await DockerClient(runner: runner).start("n1")
    #expect(runner.argvs == [["docker", "start", "n1"]])
  }
}

/// Round-robin placement, pins, and the podman refusal.
@Suite struct EnginePlacementTests {
  let h1 = EngineEndpoint.context("h1")
  let h2 = EngineEndpoint.url("unix:///run/d2/docker.sock")

  @Test func roundRobinInNodeOrderWithPins() throws {
    let placement = try EnginePlacement(engines: [h1, h2], pins: ["node3": h2], runtime: .docker)
    let placed = (0..<4).map { placement.engine(forNode: "node\($0 + 1)", index: $0) }
    #expect(placed == [h1, h2, h2, h2])
    #expect(placement.spansEngines)
  }

  @Test func noEngineIsTheDefaultEngine() throws {
    let placement = try EnginePlacement(engines: [], runtime: .podman)
    #expect(placement.engine(forNode: "node1", index: 0) == nil)
    #expect(!placement.spansEngines)
  }

  @Test func podmanRefusesSeveralEnginesInOneLine() {
    let expected = CCMError.invalidArgument(
      "podman clusters run on one engine (2 given); several engines need docker, whose Swarm"
        + " overlay joins them")
    #expect(throws: expected) { try EnginePlacement(engines: [h1, h2], runtime: .podman) }
    #expect(throws: expected) {
      try EnginePlacement(engines: [h1], pins: ["node2": h2], runtime: .podman)
    }
    #expect(!expected.message.contains("\n"))
  }

  @Test func podmanMayUseOneEngine() throws {
    let placement = try EnginePlacement(engines: [h1], pins: ["node2": h1], runtime: .podman)
    #expect(placement.engine(forNode: "node2", index: 1) == h1)
  }

  @Test func refusesRepeatsAndPinsWithoutEngines() {
    #expect(throws: CCMError.invalidArgument("--engine h1 is given twice")) {
      try EnginePlacement(engines: [h1, h1], runtime: .docker)
    }
    #expect(throws: CCMError.invalidArgument("--place node2=... needs at least one --engine")) {
      try EnginePlacement(engines: [], pins: ["node2": h1], runtime: .docker)
    }
  }

  @Test func parsesPins() throws {
    let pin = try EnginePlacement.parsePin("node3=tcp://h3:2376")
    #expect(pin.node == "node3")
    #expect(pin.engine == .url("tcp://h3:2376"))
    #expect(throws: CCMError.self) { try EnginePlacement.parsePin("node3") }
    #expect(throws: CCMError.self) { try EnginePlacement.parsePin("=h1") }
    #expect(throws: CCMError.self) { try EnginePlacement.parsePin("node3=http://x") }
  }
}

/// The Swarm join token is a credential and stays out of error messages.
@Suite struct SwarmJoinTokenTests {
  @Test func aFailedJoinHidesTheToken() async throws {
    let runner = FakeProcessRunner { _ in .fail(1, "Error response from daemon: timeout") }
    let client = DockerClient(runner: runner, endpoint: .context("h2"))
    do {
      try await client.swarmJoin(
        token: "SWMTKN-1-secret", manager: "10.250.0.1:2377", advertiseAddress: nil)
      Issue.record("join succeeded against a failing engine")
    } catch let error as ContainerError {
      #expect(!error.message.contains("SWMTKN-1-secret"))
      #expect(error.message.contains("--token <token> 10.250.0.1:2377"))
    }
  }

  @Test func selectionMakesClientsForAnEngine() async throws {
    let runner = FakeProcessRunner { _ in .ok() }
    for kind in RuntimeKind.allCases {
      try await RuntimeSelection.client(kind, runner: runner, endpoint: .context("h2")).start("n")
    }
    #expect(
      runner.argvs == [
        ["docker", "--context", "h2", "start", "n"],
        ["podman", "--connection", "h2", "start", "n"],
      ])
  }
}
