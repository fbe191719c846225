import Testing

@testable import CCMCore

/// Decoding both engines' JSON, and the error mapping of their messages.
@Suite struct ContainerDecodingTests {
  static let dockerInspect = """
    [{"Id":"c0ffee","Name":"/node1","Image":"sha256:1234","HostConfig":{"NanoCpus":1500000000,"Memory":0},
      "State":{"Status":"exited","Running":false,"Paused":false,"ExitCode":137,"Pid":0,
               "OOMKilled":false,"StartedAt":"2026-01-01T00:00:00Z","FinishedAt":"2026-01-01T00:01:00Z"},
      "Config":{"Hostname":"node1","Image":"localhost/ccmsh-test-node:latest",
                "Labels":{"org.ccmsh.cluster":"c1"},"Env":["PATH=/bin","A=x=y"]},
      "NetworkSettings":{"Networks":{"ccm-c1":{"IPAddress":"10.89.3.2","Aliases":["n1"]}}},
      "Mounts":[{"Type":"bind","Source":"/h/conf","Destination":"/etc/scylla","RW":true}]}]
    """

  static let podmanInspect = """
    [{"Id":"beef","Name":"node2","Image":"eb38","ImageName":"localhost/ccmsh-test-node:latest",
      "State":{"Status":"running","Running":true,"Paused":false,"ExitCode":0,"Pid":4242},
      "Config":{"Hostname":"node2","Image":"localhost/ccmsh-test-node:latest","Labels":null,"Env":[]},
      "NetworkSettings":{"Networks":{"ccm-c1":{"IPAddress":"10.89.3.3"}}},"Mounts":[]}]
    """

  @Test func decodesDockerInspect() throws {
    let info = try #require(try WireDecoding.containers(Self.dockerInspect).first)
    #expect(info.name == "node1")
    #expect(info.imageID == "1234")
    #expect(info.image == "localhost/ccmsh-test-node:latest")
    #expect(info.state.status == .exited)
    #expect(info.state.exitCode == 137)
    #expect(info.labels == ["org.ccmsh.cluster": "c1"])
    #expect(info.environment["A"] == "x=y")
    #expect(info.ipAddress(on: "ccm-c1") == "10.89.3.2")
    #expect(info.ipAddress(on: "other") == nil)
    #expect(info.networks["ccm-c1"]?.aliases == ["n1"])
    #expect(info.limits == ResourceLimits(cpus: 1.5))
    #expect(
      info.mounts == [
        MountInfo(type: "bind", source: "/h/conf", destination: "/etc/scylla", readWrite: true)
      ])
  }

  @Test func decodesPodmanInspect() throws {
    let info = try #require(try WireDecoding.containers(Self.podmanInspect).first)
    #expect(info.name == "node2")
    #expect(info.state.status == .running)
    #expect(info.state.pid == 4242)
    #expect(info.labels.isEmpty)
    #expect(info.ipAddress(on: "ccm-c1") == "10.89.3.3")
  }

  @Test func inspectThroughTheClient() async throws {
    let runner = FakeProcessRunner { _ in .ok(Self.podmanInspect) }
    let info = try await makeClient(.podman, runner).inspect("node2")
    #expect(info.id == "beef")
    #expect(runner.argvs == [["podman", "inspect", "--type", "container", "node2"]])
  }

  @Test func batchInspectToleratesMissingNames() async throws {
    let runner = FakeProcessRunner { _ in
      ProcessOutput(
        status: .exited(125), standardOutput: Self.podmanInspect,
        standardError: "Error: no such container nodeX")
    }
    let infos = try await makeClient(.podman, runner).inspect(["node2", "nodeX"])
    #expect(infos.map(\.name) == ["node2"])
  }

  @Test func inspectByLabelIsTwoCalls() async throws {
    let runner = FakeProcessRunner { command in
      command.arguments.first == "ps"
        ? .ok(#"[{"Id":"p1","Names":["node2"],"State":"running"}]"#) : .ok(Self.podmanInspect)
    }
    let infos = try await makeClient(.podman, runner).inspect(labels: ["c": "1"])
    #expect(infos.map(\.name) == ["node2"])
    #expect(
      runner.argvs == [
        ["podman", "ps", "--all", "--no-trunc", "--filter", "label=c=1", "--format", "json"],
        ["podman", "inspect", "--type", "container", "node2"],
      ])
  }

  @Test func decodesBothListFormats() throws {
    let docker = """
      {"ID":"c1","Names":"node1","Image":"img","State":"running","Labels":"a=1,b=x,y","Networks":"n1,n2"}
      {"ID":"c2","Names":"node2","Image":"img","State":"exited","Labels":"","Networks":""}
      """
    let rows = try WireDecoding.dockerList(docker)
    #expect(rows.map(\.name) == ["node1", "node2"])
    #expect(rows[0].labels == ["a": "1", "b": "x,y"])
    #expect(rows[0].networks == ["n1", "n2"])
    #expect(rows[1].status == .exited)
    let podman = """
      [{"Id":"p1","Names":["node1"],"Image":"img","State":"paused","Labels":{"a":"1"},"Networks":["n1"]}]
      """
    let prow = try #require(try WireDecoding.podmanList(podman).first)
    #expect(
      prow
        == ContainerSummary(
          id: "p1", name: "node1", image: "img", status: .paused, labels: ["a": "1"],
          networks: ["n1"]))
    #expect(try WireDecoding.podmanList("").isEmpty)
  }

  @Test func decodesBothNetworkFormats() throws {
    let docker =
      #"[{"Name":"n","Id":"i","IPAM":{"Config":[{"Subnet":"10.1.0.0/24"}]},"Labels":{"k":"v"}}]"#
    let podman =
      #"[{"name":"n","id":"i","subnets":[{"subnet":"10.1.0.0/24","gateway":"10.1.0.1"}],"labels":{"k":"v"}}]"#
    let expected = NetworkInfo(name: "n", id: "i", subnets: ["10.1.0.0/24"], labels: ["k": "v"])
    #expect(try RuntimeDialect(kind: .docker).decodeNetwork(docker) == expected)
    #expect(try RuntimeDialect(kind: .podman).decodeNetwork(podman) == expected)
  }

  @Test func decodesImageInspect() async throws {
    let json =
      #"[{"Id":"sha256:abc","RepoTags":["localhost/x:latest"],"RepoDigests":[],"Config":{"Labels":{"k":"v"}}}]"#
    let runner = FakeProcessRunner { _ in .ok(json) }
    let info = try await makeClient(.docker, runner).inspectImage("localhost/x:latest")
    #expect(
      info == ImageInfo(id: "abc", tags: ["localhost/x:latest"], digests: [], labels: ["k": "v"]))
  }

  @Test func syslogNoiseIsNotAFailure() async throws {
    let runner = FakeProcessRunner { _ in
      .ok("id\n", stderr: "failed to connect to syslog: Initialization\n")
    }
    #expect(try await makeClient(.podman, runner).run(ContainerSpec(image: "i", name: "n")) == "id")
    let failure = CommandFailure(
      argv: ["podman"], status: .exited(125),
      standardError: "failed to connect to syslog: Initialization\nError: boom\n")
    #expect(failure.standardErrorTail == "Error: boom")
  }

  @Test(arguments: [
    ("Error: no such container x", "containerNotFound"),
    ("Error response from daemon: No such container: x", "containerNotFound"),
    ("Error: x: image not known", "imageNotFound"),
    ("Error: unable to find network with name or ID x: network not found", "networkNotFound"),
    ("Error: creating container storage: the container name \"x\" is already in use", "nameInUse"),
    ("Cannot connect to the Docker daemon at unix:///var/run/docker.sock.", "runtimeUnavailable"),
    ("Error: OCI runtime error: something else", "startFailed"),
  ])
  func runFailuresAreClassified(stderr: String, expected: String) async throws {
    let runner = FakeProcessRunner { _ in .fail(125, stderr) }
    do {
      _ = try await makeClient(.podman, runner).run(ContainerSpec(image: "i", name: "x"))
      Issue.record("expected a failure")
    } catch let error as ContainerError {
      #expect("\(error)".hasPrefix(expected))
      #expect(error.failure?.argv.first == "podman")
      #expect(error.failure?.status == .exited(125))
      #expect(!error.message.isEmpty)
    }
  }

  @Test(arguments: RuntimeKind.allCases)
  func execReturnsTheCommandsExitCode(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner { _ in .fail(3, "my own error\n") }
    let result = try await makeClient(kind, runner).exec("n", ExecRequest(["false"]))
    #expect(result.exitCode == 3)
    #expect(result.standardError == "my own error\n")
  }

  @Test func execOnAStoppedContainerIsAnExecFailure() async throws {
    let runner = FakeProcessRunner { _ in
      .fail(
        125, "Error: can only create exec sessions on running containers: container state improper")
    }
    await #expect {
      _ = try await makeClient(.podman, runner).exec("n", ExecRequest(["true"]))
    } throws: { error in
      guard case ContainerError.execFailed(let container, let failure) = error else { return false }
      return container == "n" && failure.status == .exited(125)
    }
  }

  @Test func timeoutsAndMissingBinariesMapToContainerErrors() async throws {
    let slow = FakeProcessRunner { command in
      throw ProcessError.timedOut(argv: command.argv, after: command.timeout)
    }
    await #expect(
      throws: ContainerError.timedOut(argv: ["docker", "pause", "n"], after: .seconds(30))
    ) {
      try await makeClient(.docker, slow).pause("n")
    }
    let missing = FakeProcessRunner { command in
      throw ProcessError.launchFailed(argv: command.argv, reason: "not found")
    }
    await #expect(throws: ContainerError.runtimeNotFound(.podman)) {
      try await makeClient(.podman, missing).pause("n")
    }
  }
}
