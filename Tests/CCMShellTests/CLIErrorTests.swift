import Foundation
import Testing

@testable import CCMShell

/// Bad input: one line on stderr, the right exit status, nothing changed.
@Suite struct CLIErrorTests {
  private func expectError(
    _ run: CLIHarness.Run, _ status: CCMShell.ExitStatus, containing fragment: String
  ) {
    #expect(run.status == status)
    #expect(run.stderr.hasPrefix("ccmsh: error: "))
    #expect(run.stderr.contains(fragment), "stderr: \(run.stderr)")
    #expect(run.stderr.filter { $0 == "\n" }.count == 1, "one line: \(run.stderr)")
  }

  /// A bad cluster name is reported before the missing image (nothing about Scylla to run).
  @Test func clusterNameIsCheckedBeforeTheImage() async throws {
    let cli = try CLIHarness(environment: [:])
    defer { cli.remove() }
    expectError(
      await cli.run(arguments: ["create", "nu bad"]), .usage, containing: "invalid cluster name")
  }

  @Test func usageErrors() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    expectError(await cli.run("create a/b"), .usage, containing: "invalid cluster name 'a/b'")
    expectError(
      await cli.run("create " + String(repeating: "a", count: 300)), .usage,
      containing: "cluster name is too long (300 characters; at most 100)")
    expectError(await cli.run("create c -n 2:x"), .usage, containing: "malformed node count '2:x'")
    expectError(await cli.run("create c --bogus"), .usage, containing: "--bogus")
    expectError(await cli.run("create c -i 10.0.0. --id 3"), .usage, containing: "only one of")
    expectError(await cli.run("create c --id 100"), .usage, containing: "--id must be 0-99")
    expectError(await cli.run("node1"), .usage, containing: "needs a node command")
    #expect(await cli.run("create c -n 3").status == .ok)
    expectError(
      await cli.run("updateconf novalue"), .usage, containing: "malformed setting 'novalue'")
    expectError(await cli.run("updateconf a:[1,"), .usage, containing: "malformed setting")
    expectError(await cli.run("add ../x"), .usage, containing: "invalid node name")
    // Command words and statement keywords could never be addressed as nodes.
    for word in ["status", "let", "stop", "echo", "wait"] {
      expectError(await cli.run("add \(word)"), .usage, containing: "'\(word)' cannot name a node")
    }
    // A bad signal lists the accepted ones on the same line.
    for signal in ["BOGUS", "0"] {
      expectError(
        await cli.run("node1 kill \(signal)"), .usage,
        containing:
          "'\(signal)' is invalid for '<signal>'. Please provide one of the following: KILL, TERM")
    }
    #expect(try !cli.read("c/cluster.conf").contains("novalue"))
  }

  /// Engines: a malformed one, a pin without engines, several engines for podman; each one
  /// line before anything is made.
  @Test func engineErrors() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let refused = [
      ("--engine http://h1", "invalid engine 'http://h1'"),
      ("--place node1=h1", "--place node1=... needs at least one --engine"),
      (
        "--container-runtime podman --engine h1 --engine h2",
        "podman clusters run on one engine (2 given)"
      ),
      ("--engine h1 --engine h1", "--engine h1 is given twice"),
      ("--swarm-advertise h1", "malformed --swarm-advertise 'h1': expected ENGINE=ADDRESS"),
      (
        "--engine h1 --swarm-advertise h1=10.0.0.1",
        "--swarm-advertise is for clusters over several engines"
      ),
    ]
    for (flags, message) in refused {
      expectError(await cli.run("create c -n 2 " + flags), .usage, containing: message)
    }
    #expect(!cli.exists("c"))
    #expect(await cli.run("create c -n 2").status == .ok)
    expectError(
      await cli.run("add node3 --engine h2"), .usage,
      containing: "cluster c runs on the default engine; --engine places nodes only in clusters")
    #expect(!cli.exists("c/node3"))
  }

  @Test func stateErrors() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    expectError(await cli.run("status"), .failure, containing: "no current cluster")
    expectError(await cli.run("switch nope"), .failure, containing: "cluster 'nope' does not exist")
    expectError(await cli.run("remove nope"), .failure, containing: "does not exist")
    #expect(await cli.run("create c -n 2").status == .ok)
    expectError(await cli.run("create c"), .failure, containing: "cluster 'c' already exists")
    expectError(await cli.run("node9 show"), .failure, containing: "has no node 'node9'")
    expectError(await cli.run("add node2"), .failure, containing: "already has a node 'node2'")
    let node2 = try cli.subnetPrefix("c") + ".3"
    expectError(
      await cli.run("add node3 -i \(node2)"), .failure,
      containing: "\(node2) is already used by node2")
    expectError(await cli.run("populate -n 2"), .failure, containing: "already has nodes")
    // Another CQL port needs a host-published (loopback) node; nothing is written.
    expectError(
      await cli.run("add node3 --binary-itf \(try cli.subnetPrefix("c")).9:9142"), .usage,
      containing: "--binary-itf port 9142: a container node serves CQL on 9042")
    expectError(
      await cli.run("add node3 --binary-itf 127.0.0.3:x"), .usage,
      containing: "--binary-itf takes HOST or HOST:PORT")
    #expect(!cli.exists("c/node3"))
  }

  @Test func noImageNoInstallDir() async throws {
    let cli = try CLIHarness()
    defer { cli.remove() }
    expectError(await cli.run("create c"), .usage, containing: "--docker-image")
    #expect(!cli.exists("c"))
    expectError(
      await cli.run("create c --install-dir /nonexistent"), .usage, containing: "conf/scylla.yaml")
    #expect(!cli.exists("c"))
  }

  @Test func malformedStateFileNamesFileAndLine() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create c -n 1").status == .ok)
    let path = cli.configDirectory + "/c/node1/node.conf"
    try "name: node1\nstatus: [UP\n".write(toFile: path, atomically: true, encoding: .utf8)
    let run = await cli.run("status")
    expectError(run, .failure, containing: "\(path):")
    #expect(run.stderr.contains("invalid YAML"))
  }

  @Test func heldLockFailsClearly() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create c -n 1").status == .ok)
    let lockPath = cli.configDirectory + "/.ccmsh-locks/c.lock"
    let descriptor = open(lockPath, O_RDWR)
    #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
    defer { close(descriptor) }
    expectError(await cli.run("add node2"), .failure, containing: "locked by another ccmsh process")
    #expect(!cli.exists("c/node2"))
    #expect(await cli.run("status").status == .ok)  // readers do not lock
  }
}
