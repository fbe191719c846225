import Foundation
import Synchronization
import Testing

@testable import CCMCore

/// The exact argv each operation produces, for both engines.
@Suite struct ContainerArgvTests {
  let spec = ContainerSpec(
    image: "scylladb/scylla:6.2", name: "ccm-c1-node1", hostname: "node1",
    labels: ["org.ccmsh.node": "node1", "org.ccmsh.cluster": "c1"],
    environment: ["B": "2", "A": "1"],
    volumes: [
      VolumeMount(hostPath: "/h/conf", containerPath: "/etc/scylla"),
      VolumeMount(hostPath: "/h/keys", containerPath: "/keys", access: .readOnly),
    ],
    network: NetworkAttachment(network: "ccm-c1", ipv4Address: "10.89.3.2", aliases: ["n1"]),
    entrypoint: "/bin/bash", command: ["-c", "exec /docker-entrypoint.py --smp 1"],
    capabilities: ["SYS_NICE"], securityOptions: ["seccomp=unconfined"], user: "0",
    workingDirectory: "/", limits: ResourceLimits(cpus: 1.5, memoryBytes: 268_435_456))

  func expectedRun(_ kind: RuntimeKind) -> [String] {
    let z = kind == .podman ? ":z" : ""
    let ro = kind == .podman ? ":ro,z" : ":ro"
    let image = kind == .podman ? "docker.io/scylladb/scylla:6.2" : "scylladb/scylla:6.2"
    return [
      kind.rawValue, "run", "--detach", "--pull", "never", "--name", "ccm-c1-node1",
      "--hostname", "node1", "--label", "org.ccmsh.cluster=c1", "--label", "org.ccmsh.node=node1",
      "--env", "A=1", "--env", "B=2", "--volume", "/h/conf:/etc/scylla\(z)", "--volume",
      "/h/keys:/keys\(ro)", "--network", "ccm-c1", "--ip", "10.89.3.2", "--network-alias", "n1",
      "--cap-add", "SYS_NICE", "--security-opt", "seccomp=unconfined", "--user", "0",
      "--workdir", "/", "--cpus", "1.5", "--memory", "268435456b", "--entrypoint", "/bin/bash",
      image, "-c", "exec /docker-entrypoint.py --smp 1",
    ]
  }

  @Test(arguments: RuntimeKind.allCases)
  func runBuildsTheFullArgv(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner { _ in .ok("abc123\n") }
    let id = try await makeClient(kind, runner).run(spec)
    #expect(id == "abc123")
    #expect(runner.argvs == [expectedRun(kind)])
  }

  /// A loopback node's CQL ports: published on its 127.0.X.N after the network flags.
  @Test(arguments: RuntimeKind.allCases)
  func publishedPortsFollowTheNetwork(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner { _ in .ok("abc123\n") }
    var published = spec
    published.publishedPorts = [
      PortPublication(hostAddress: "127.0.1.1", hostPort: 41234, containerPort: 9042),
      PortPublication(hostAddress: "127.0.1.1", hostPort: 19042, containerPort: 19042),
    ]
    _ = try await makeClient(kind, runner).run(published)
    var expected = expectedRun(kind)
    let afterAlias = try #require(expected.firstIndex(of: "n1")) + 1
    expected.insert(
      contentsOf: ["--publish", "127.0.1.1:41234:9042", "--publish", "127.0.1.1:19042:19042"],
      at: afterAlias)
    #expect(runner.argvs == [expected])
  }

  @Test(arguments: RuntimeKind.allCases)
  func minimalRunHasNoOptionalFlags(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner { _ in .ok("id\n") }
    _ = try await makeClient(kind, runner).run(
      ContainerSpec(image: "localhost/ccmsh-test-node:latest", name: "n"))
    #expect(
      runner.argvs == [
        [
          kind.rawValue, "run", "--detach", "--pull", "never", "--name", "n",
          "localhost/ccmsh-test-node:latest",
        ]
      ])
  }

  @Test(arguments: RuntimeKind.allCases)
  func lifecycleCommands(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner()
    let client = makeClient(kind, runner)
    try await client.start("n")
    try await client.stop("n", timeout: .milliseconds(1500))
    try await client.kill("n", signal: .kill)
    try await client.pause("n")
    try await client.unpause("n")
    try await client.remove("n", mode: .force, volumes: .remove)
    try await client.remove("n", mode: .onlyIfStopped, volumes: .keep)
    let b = kind.rawValue
    let forceRemove =
      kind == .podman
      ? [b, "rm", "--force", "--time", "0", "--volumes", "n"]
      : [b, "rm", "--force", "--volumes", "n"]
    #expect(
      runner.argvs == [
        [b, "start", "n"], [b, "stop", "--time", "2", "n"], [b, "kill", "--signal", "KILL", "n"],
        [b, "pause", "n"], [b, "unpause", "n"], forceRemove, [b, "rm", "n"],
      ])
    // The stop deadline leaves the engine its grace period plus the quick allowance.
    #expect(runner.commands[1].timeout == .seconds(32))
  }

  @Test(arguments: RuntimeKind.allCases)
  func execPassesStdinEnvAndWorkdir(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner { _ in .ok("out") }
    let result = try await makeClient(kind, runner).exec(
      "n",
      ExecRequest(
        ["cqlsh", "-e", "SELECT 1"], standardInput: "x\n", environment: ["K": "v"],
        workingDirectory: "/tmp", user: "scylla", timeout: .seconds(5)))
    #expect(result == ExecResult(exitCode: 0, standardOutput: "out", standardError: ""))
    #expect(
      runner.argvs == [
        [
          kind.rawValue, "exec", "--interactive", "--env", "K=v", "--workdir", "/tmp", "--user",
          "scylla", "n", "cqlsh", "-e", "SELECT 1",
        ]
      ])
    #expect(runner.commands[0].standardInput == "x\n")
    #expect(runner.commands[0].timeout == .seconds(5))
  }

  @Test(arguments: RuntimeKind.allCases)
  func logsAndFollow(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner(streamed: ["a", "b"]) { _ in .ok("l1\nl2\n") }
    let client = makeClient(kind, runner)
    let since = Date(timeIntervalSince1970: 1_700_000_000.25)
    let logs = try await client.logs("n", options: LogOptions(tail: 2, since: since))
    #expect(logs.lines == ["l1", "l2"])
    var followed: [String] = []
    for try await line in client.followLogs("n", options: LogOptions(tail: 0)) {
      followed.append(line)
    }
    #expect(followed == ["a", "b"])
    let b = kind.rawValue
    #expect(
      runner.argvs == [
        [b, "logs", "--tail", "2", "--since", "2023-11-14T22:13:20.250Z", "n"],
        [b, "logs", "--follow", "--tail", "0", "n"],
      ])
  }

  @Test(arguments: RuntimeKind.allCases)
  func listFiltersByEveryLabel(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner { _ in .ok(kind == .podman ? "[]" : "") }
    let rows = try await makeClient(kind, runner).list(labels: ["b": "2", "a": "1"])
    #expect(rows.isEmpty)
    let format = kind == .podman ? "json" : "{{json .}}"
    #expect(
      runner.argvs == [
        [
          kind.rawValue, "ps", "--all", "--no-trunc", "--filter", "label=a=1", "--filter",
          "label=b=2", "--format", format,
        ]
      ])
  }

  @Test(arguments: RuntimeKind.allCases)
  func networkCommands(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner { _ in .ok("net1\nnet2\n") }
    let client = makeClient(kind, runner)
    try await client.createNetwork(
      NetworkSpec(name: "ccm-c1", subnet: "10.89.3.0/24", labels: ["org.ccmsh.cluster": "c1"]))
    #expect(try await client.networkExists("ccm-c1"))
    #expect(try await client.listNetworks(labels: ["org.ccmsh.cluster": "c1"]) == ["net1", "net2"])
    try await client.connect(
      "n", to: NetworkAttachment(network: "ccm-c1", ipv4Address: "10.89.3.9", aliases: ["x"]))
    try await client.disconnect("n", from: "ccm-c1")
    try await client.removeNetwork("ccm-c1")
    let b = kind.rawValue
    #expect(
      runner.argvs == [
        [
          b, "network", "create", "--subnet", "10.89.3.0/24", "--label", "org.ccmsh.cluster=c1",
          "ccm-c1",
        ],
        [b, "network", "inspect", "--format", "{{.Name}}", "ccm-c1"],
        [b, "network", "ls", "--filter", "label=org.ccmsh.cluster=c1", "--format", "{{.Name}}"],
        [b, "network", "connect", "--ip", "10.89.3.9", "--alias", "x", "ccm-c1", "n"],
        [b, "network", "disconnect", "--force", "ccm-c1", "n"],
        [b, "network", "rm", "ccm-c1"],
      ])
  }

  @Test(arguments: RuntimeKind.allCases)
  func imageCommandsQualifyShortNamesOnPodman(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner { _ in .ok("sha256:abc\n") }
    let client = makeClient(kind, runner)
    #expect(try await client.imageExists("busybox"))
    try await client.pull("scylladb/scylla:latest")
    let b = kind.rawValue
    let short = kind == .podman ? "docker.io/busybox" : "busybox"
    let scylla = kind == .podman ? "docker.io/scylladb/scylla:latest" : "scylladb/scylla:latest"
    #expect(
      runner.argvs == [
        [b, "image", "inspect", "--format", "{{.Id}}", short], [b, "pull", scylla],
      ])
  }

  @Test(arguments: RuntimeKind.allCases)
  func copyFromImageCreatesCopiesAndRemoves(kind: RuntimeKind) async throws {
    let runner = FakeProcessRunner { _ in .ok("id\n") }
    try await makeClient(kind, runner).copyFromImage(
      "localhost/img:1", path: "/etc/scylla/.", to: "/tmp/conf")
    let argvs = runner.argvs
    #expect(argvs.count == 3)
    let helper = try #require(argvs.first?.firstIndex(of: "--name")).advanced(by: 1)
    let name = argvs[0][helper]
    #expect(name.hasPrefix("ccmsh-copy-"))
    let b = kind.rawValue
    #expect(
      argvs == [
        [
          b, "create", "--pull", "never", "--name", name, "--label",
          "org.ccmsh.owner=\(ProcessIdentity.current.label)", "--label",
          "org.ccmsh.transient=copy", "--entrypoint", "/bin/sh", "localhost/img:1",
        ],
        [b, "cp", "\(name):/etc/scylla/.", "/tmp/conf"],
        // With its volumes: the real image declares one, which `create` makes.
        [b, "rm", "--force", "--volumes", name],
      ])
  }

  @Test func copyFromImageRemovesTheHelperWhenCopyFails() async throws {
    let runner = FakeProcessRunner { command in
      command.arguments.first == "cp" ? .fail(1, "Error: no such file /nope") : .ok("id")
    }
    await #expect(throws: ContainerError.self) {
      try await makeClient(.docker, runner).copyFromImage("img", path: "/nope", to: "/tmp/x")
    }
    #expect(runner.argvs.map { $0[1] } == ["create", "cp", "rm"])
  }

  @Test func pauseRetriesATransientFreezeFailure() async throws {
    let attempts = Mutex(0)
    let runner = FakeProcessRunner { _ in
      let attempt = attempts.withLock { count in
        count += 1
        return count
      }
      return attempt < 3 ? .fail(125, #"level=error msg="unable to freeze""#) : .ok()
    }
    try await makeClient(.podman, runner).pause("n")
    #expect(runner.argvs == Array(repeating: ["podman", "pause", "n"], count: 3))
  }

  @Test func podmanQualifiesOnlyShortNames() {
    let podman = RuntimeDialect(kind: .podman)
    #expect(podman.qualify(image: "scylladb/scylla") == "docker.io/scylladb/scylla")
    #expect(podman.qualify(image: "busybox:latest") == "docker.io/busybox:latest")
    #expect(
      podman.qualify(image: "localhost/ccmsh-test-node:latest")
        == "localhost/ccmsh-test-node:latest")
    #expect(podman.qualify(image: "quay.io/x/y") == "quay.io/x/y")
    #expect(podman.qualify(image: "reg:5000/y") == "reg:5000/y")
    #expect(RuntimeDialect(kind: .docker).qualify(image: "busybox") == "busybox")
  }
}

/// A session on the caller's terminal: `exec --interactive --tty`, with the engine's global
/// arguments, as `NODE cqlsh` (no statements) and `NODE exec` run it on a terminal.
@Suite struct AttachedExecArgvTests {
  @Test(arguments: RuntimeKind.allCases)
  func attachedExecIsInteractiveWithATTY(kind: RuntimeKind) throws {
    let client = try #require(
      makeClient(kind, FakeProcessRunner { _ in .ok("") }) as? any CLIContainerClient)
    #expect(
      client.attachedExecArgv("ccm-c1-node1", ["cqlsh", "10.89.3.2", "9042"]) == [
        kind.rawValue, "exec", "--interactive", "--tty", "ccm-c1-node1", "cqlsh", "10.89.3.2",
        "9042",
      ])
  }

  @Test func theCapturedExecNeverAsksForATTY() {
    let args = RuntimeDialect(kind: .docker).execArguments("c", ExecRequest(["sh"]))
    #expect(!args.contains("--tty") && !args.contains("-t"))
  }
}
