import Foundation
import Synchronization
import Testing

@testable import CCMCore
@testable import CCMShell

/// Writers hold the cluster's writer lock; `run` gives CURRENT back; `--unset-env`.
@Suite struct ClusterWritersCLITests {
  /// Another ccmsh changing cluster `c`: every writer says it is busy in one line and asks the
  /// engine nothing; a `remove` that loses the race leaves the cluster whole.
  @Test func writersOfABusyClusterSayItIsBusy() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create c -n 2").status == .ok)
    let other = open(cli.configDirectory + "/c", O_RDONLY | O_DIRECTORY)
    #expect(flock(other, LOCK_EX) == 0)
    defer { close(other) }
    let calls = cli.engine.calls.count
    for line in ["start", "stop", "remove", "remove c", "node1 stop", "node2 kill", "heal"] {
      let run = await cli.run(line)
      #expect(run.status == .failure, "\(line)")
      #expect(run.stderr == "ccmsh: error: " + CCMError.clusterBusy("c").message + "\n", "\(line)")
    }
    #expect(cli.engine.calls.count == calls)
    #expect(cli.exists("c/cluster.conf"))
  }

  /// `stop NAME` (scylla-ccm's form) locks the cluster it stops, not the current one.
  @Test func stopNameLocksThatCluster() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create c -n 1").status == .ok)
    #expect(await cli.run("create d -n 1").status == .ok)
    let other = open(cli.configDirectory + "/c", O_RDONLY | O_DIRECTORY)
    #expect(flock(other, LOCK_EX) == 0)
    defer { close(other) }
    let calls = cli.engine.calls.count
    let run = await cli.run("stop c")
    #expect(run.stderr == "ccmsh: error: " + CCMError.clusterBusy("c").message + "\n")
    #expect(cli.engine.calls.count == calls)
  }

  /// `create -s` starts its new cluster holding the cluster's writer lock.
  @Test func createStartHoldsTheWriterLock() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let directory = cli.configDirectory + "/s"
    let seen = Mutex<[Bool]>([])
    cli.engine.observe { argv in
      // Containers are made only by the start.
      guard argv.dropFirst().first == "create" || argv.dropFirst().first == "run" else { return }
      let probe = open(directory, O_RDONLY | O_DIRECTORY)
      defer { close(probe) }
      let free = flock(probe, LOCK_EX | LOCK_NB) == 0
      seen.withLock { $0.append(!free) }
    }
    _ = await cli.run("create s -n 1 -s")  // the fake engine runs no server: the start fails
    let held = seen.withLock { $0 }
    #expect(!held.isEmpty && held.allSatisfy { $0 }, "\(held)")
  }

  /// A test script that makes, switches to and removes its own cluster leaves the user's
  /// current cluster current.
  @Test func runGivesTheCurrentClusterBack() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create mine -n 1").status == .ok)
    let script = try cli.script("own.ccm", "create theirs -n 1\nremove theirs\ncreate kept -n 1\n")
    let run = await cli.run("run \(script)")
    #expect(run.status == .ok, "\(run.stderr)")
    #expect(try cli.read("CURRENT") == "mine\n")
    #expect(cli.exists("kept/cluster.conf"))
  }

  /// `--unset-env NAME` drops what an earlier `--env` put in node.conf, keeping the rest; a
  /// cluster-wide variable cannot be dropped for one node.
  @Test func unsetEnvironmentDropsANodesVariable() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create c -n 1 --env WIDE=1").status == .ok)
    let store = ClusterStore(root: cli.configDirectory)
    var cluster = try store.load("c")
    try NodeStartCommand.change("node1", in: &cluster, set: ["A": "1", "B": "2"], unset: [])
    try NodeStartCommand.change("node1", in: &cluster, set: [:], unset: ["A"])
    #expect(try cluster.node(named: "node1").containerSettings.environment == ["B": "2"])
    try NodeStartCommand.change("node1", in: &cluster, set: [:], unset: ["B"])
    #expect(try cluster.node(named: "node1").containerSettings.environment.isEmpty)
    #expect(throws: CCMError.self) {
      try NodeStartCommand.change("node1", in: &cluster, set: [:], unset: ["WIDE"])
    }
  }
}
