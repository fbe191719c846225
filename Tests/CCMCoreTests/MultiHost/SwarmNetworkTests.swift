import Synchronization
import Testing

@testable import CCMCore

/// The Swarm calls `SwarmNetwork` makes, pinned word for word against a scripted fake engine that
/// refuses every call it does not model.
@Suite struct SwarmNetworkTests {
  static let inactive =
    #"{"NodeID":"","NodeAddr":"","LocalNodeState":"inactive","ControlAvailable":false,"Error":"","RemoteManagers":null}"#
  static let manager =
    #"{"NodeID":"m1","NodeAddr":"10.250.0.1","LocalNodeState":"active","ControlAvailable":true,"Error":"","RemoteManagers":[{"NodeID":"m1","Addr":"10.250.0.1:2377"}]}"#
  static let worker =
    #"{"NodeID":"w2","NodeAddr":"10.250.0.2","LocalNodeState":"active","ControlAvailable":false,"Error":"","RemoteManagers":[{"NodeID":"m1","Addr":"10.250.0.1:2377"}]}"#
  static let otherSwarm =
    #"{"NodeID":"x9","NodeAddr":"10.9.0.9","LocalNodeState":"active","ControlAvailable":true,"Error":"","RemoteManagers":[{"NodeID":"x9","Addr":"10.9.0.9:2377"}]}"#
  static let labels = ["org.ccmsh.cluster": "c1"]
  let overlay = NetworkSpec(name: "ccm-c1", subnet: "10.252.0.0/24", labels: labels)

  /// What the fake engines hold: swarm state JSON and the overlay's labels JSON, by host.
  final class EngineTable: Sendable {
    let states: Mutex<[String: String]>
    let networks = Mutex<[String: String]>([:])
    /// Overlays of other clusters on the Swarm (`network ls` lines).
    let others = Mutex("")

    init(_ states: [String: String]) { self.states = Mutex(states) }
  }

  /// A fake engine per host, addressed by `--host`.
  final class Engines: Sendable {
    let table: EngineTable
    let runner: FakeProcessRunner

    init(_ states: [String: String]) {
      let table = EngineTable(states)
      self.table = table
      runner = FakeProcessRunner { command in
        let argv = command.argv
        guard argv.count > 3, argv[1] == "--host" else { throw FakeRefusal(argv: argv) }
        let host = argv[2]
        switch Array(argv.dropFirst(3)) {
        case ["info", "--format", "{{json .Swarm}}"]:
          return .ok(table.states.withLock { $0[host] ?? "" })
        case let args where args.starts(with: ["swarm", "init"]):
          table.states.withLock { $0[host] = SwarmNetworkTests.manager }
          return .ok()
        case ["swarm", "join-token", "--quiet", "worker"]:
          return .ok("SWMTKN-1-x\n")
        case let args where args.starts(with: ["swarm", "join"]):
          table.states.withLock { $0[host] = SwarmNetworkTests.worker }
          return .ok()
        case ["swarm", "leave", "--force"]:
          table.states.withLock { $0[host] = SwarmNetworkTests.inactive }
          return .ok()
        case ["network", "inspect", "--format", "{{.Name}}", "ccm-c1"]:
          let exists = table.networks.withLock { $0[host] } != nil
          return exists ? .ok("ccm-c1\n") : .fail(1, "Error: No such network: ccm-c1")
        case ["network", "inspect", "ccm-c1"]:
          let labels = table.networks.withLock { $0[host] } ?? "{}"
          return .ok(
            #"[{"Name":"ccm-c1","Id":"n1","IPAM":{"Config":[{"Subnet":"10.252.0.0/24"}]},"Labels":"#
              + labels + "}]")
        case let args where args.starts(with: ["network", "create", "--driver", "overlay"]):
          table.networks.withLock { $0[host] = #"{"org.ccmsh.cluster":"c1"}"# }
          return .ok("n1\n")
        case ["network", "inspect", "--format", "{{.Name}}", "docker_gwbridge"]:
          // The engine makes its gateway bridge when it enters a Swarm.
          let inSwarm = table.states.withLock { $0[host] } != SwarmNetworkTests.inactive
          return inSwarm ? .ok("docker_gwbridge\n") : .fail(1, "Error: No such network")
        case ["network", "ls", "--filter", "driver=overlay", "--format", "{{.Name}}"]:
          let overlays = table.networks.withLock { $0[host] } != nil ? "ccm-c1\n" : ""
          return .ok("ingress\n" + overlays + table.others.withLock { $0 })
        case ["network", "rm", "docker_gwbridge"]:
          return .ok()
        case ["network", "rm", "ccm-c1"]:
          table.networks.withLock { $0[host] = nil }
          return .ok()
        default:
          throw FakeRefusal(argv: argv)
        }
      }
    }

    func members(_ hosts: [String]) -> [SwarmMember] {
      hosts.enumerated().map { index, host in
        SwarmMember(
          client: DockerClient(runner: runner, endpoint: .url(host)),
          advertiseAddress: "10.250.0.\(index + 1)")
      }
    }

    /// Calls after the engine address, for readability.
    var calls: [String] {
      runner.argvs.map {
        ($0.count > 2 ? "\($0[2].suffix(2)) " : "") + $0.dropFirst(3).joined(separator: " ")
      }
    }
  }

  struct FakeRefusal: Error { let argv: [String] }

  /// Two fake engines, h1 and h2, in the given Swarm states, and their members.
  func twoEngines(_ first: String, _ second: String) -> (Engines, [SwarmMember]) {
    let engines = Engines(["unix:///h1": first, "unix:///h2": second])
    return (engines, engines.members(["unix:///h1", "unix:///h2"]))
  }

  @Test func initialisesJoinsAndMakesTheOverlay() async throws {
    let (engines, members) = twoEngines(Self.inactive, Self.inactive)
    let setup = try await SwarmNetwork.prepare(members: members, overlay: overlay)
    #expect(
      setup
        == SwarmSetup(
          managerIndex: 0, createdSwarm: true, joinedIndices: [1], network: "ccm-c1",
          gatewayBridges: [0, 1]))
    #expect(
      engines.calls == [
        "h1 info --format {{json .Swarm}}", "h2 info --format {{json .Swarm}}",
        "h1 network inspect --format {{.Name}} docker_gwbridge",
        "h1 swarm init --advertise-addr 10.250.0.1", "h1 info --format {{json .Swarm}}",
        "h1 swarm join-token --quiet worker",
        "h2 network inspect --format {{.Name}} docker_gwbridge",
        "h2 swarm join --token SWMTKN-1-x --advertise-addr 10.250.0.2 10.250.0.1:2377",
        "h1 network inspect --format {{.Name}} ccm-c1",
        "h1 network create --driver overlay --attachable --subnet 10.252.0.0/24"
          + " --label org.ccmsh.cluster=c1 ccm-c1",
      ])

    try await SwarmNetwork.remove(setup, members: members, overlay: overlay)
    #expect(
      engines.calls.suffix(8) == [
        "h1 network inspect --format {{.Name}} ccm-c1", "h1 network inspect ccm-c1",
        "h1 network rm ccm-c1", "h1 network ls --filter driver=overlay --format {{.Name}}",
        "h2 swarm leave --force", "h2 network rm docker_gwbridge",
        "h1 swarm leave --force", "h1 network rm docker_gwbridge",
      ])
  }

  @Test func aSwarmItMadeStaysWhileAnotherClustersOverlayIsOnIt() async throws {
    let (engines, members) = twoEngines(Self.inactive, Self.inactive)
    let setup = try await SwarmNetwork.prepare(members: members, overlay: overlay)
    engines.table.others.withLock { $0 = "ccm-c2\n" }
    try await SwarmNetwork.remove(setup, members: members, overlay: overlay)
    #expect(engines.calls.last == "h1 network ls --filter driver=overlay --format {{.Name}}")
    #expect(!engines.calls.contains { $0.contains("swarm leave") })
  }

  @Test func aSwarmItFoundIsKept() async throws {
    let (engines, members) = twoEngines(Self.worker, Self.manager)
    let setup = try await SwarmNetwork.prepare(members: members, overlay: overlay)
    #expect(
      setup
        == SwarmSetup(managerIndex: 1, createdSwarm: false, joinedIndices: [], network: "ccm-c1"))
    try await SwarmNetwork.remove(setup, members: members, overlay: overlay)
    #expect(!engines.calls.contains { $0.contains("swarm leave") || $0.contains("swarm init") })
    #expect(engines.calls.last == "h2 network rm ccm-c1")
  }

  @Test func refusesEnginesOfDifferentSwarmsBeforeMakingAnything() async throws {
    let (engines, members) = twoEngines(Self.manager, Self.otherSwarm)
    await #expect(
      throws: CCMError.container(
        "engines unix:///h1 and unix:///h2 are in different Swarms; use engines of one Swarm,"
          + " or engines in none")
    ) {
      try await SwarmNetwork.prepare(
        members: members, overlay: overlay)
    }
    #expect(engines.calls.allSatisfy { $0.contains("info") })
  }

  @Test func anOverlayItDidNotMakeIsAnErrorAndTheSwarmIsUndone() async throws {
    let (engines, members) = twoEngines(Self.inactive, Self.inactive)
    let stranger = NetworkSpec(name: "ccm-c1", subnet: nil, labels: ["org.ccmsh.cluster": "c2"])
    _ = try await SwarmNetwork.prepare(members: members, overlay: overlay)
    engines.table.states.withLock {
      $0 = ["unix:///h1": Self.inactive, "unix:///h2": Self.inactive]
    }
    await #expect(throws: CCMError.self) {
      try await SwarmNetwork.prepare(members: members, overlay: stranger)
    }
    #expect(
      engines.calls.suffix(4) == [
        "h2 swarm leave --force", "h2 network rm docker_gwbridge", "h1 swarm leave --force",
        "h1 network rm docker_gwbridge",
      ])
  }

  @Test func workersWithoutTheirManagerAreRefused() async throws {
    let (engines, members) = twoEngines(Self.worker, Self.inactive)
    await #expect(throws: CCMError.self) {
      try await SwarmNetwork.prepare(
        members: members, overlay: overlay)
    }
    #expect(engines.calls.count == 2)
  }

  @Test func decodesTheEnginesSwarmInfo() throws {
    let worker = try SwarmState.decode(Self.worker)
    let manager = try SwarmState.decode(Self.manager)
    #expect(worker.sharesSwarm(with: manager))
    #expect(!worker.isManager && manager.isManager)
    #expect(manager.joinAddress == "10.250.0.1:2377")
    #expect(try SwarmState.decode(Self.inactive).isInactive)
    #expect(!(try SwarmState.decode(Self.otherSwarm)).sharesSwarm(with: manager))
  }
}
