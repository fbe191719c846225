import Foundation
import Testing

@testable import CCMCore

/// partition/heal: which engine calls, the record that lets a new process heal, idempotence.
@Suite struct NetworkFaultsTests {
  static let containers = ["node1": "c-node1", "node2": "c-node2", "node3": "c-node3"]

  /// inspect answers: node3 attached to the network (or not, once disconnected).
  static func inspect(_ kind: RuntimeKind, attached: Bool, running: Bool = true) -> String {
    let address = running ? "10.89.3.13" : ""
    let networks = attached ? #"{"ccm-c1":{"IPAddress":"\#(address)"}}"# : "{}"
    let state = running ? "running" : "exited"
    return """
      [{"Id":"f00d","Name":"\(kind == .docker ? "/" : "")c-node3","Image":"img",
        "State":{"Status":"\(state)","Running":\(running),"Paused":false,"ExitCode":0,"Pid":7},
        "Config":{"Hostname":"node3","Image":"img","Labels":{},"Env":[]},
        "NetworkSettings":{"Networks":\(networks)},"Mounts":[]}]
      """
  }

  func withDirectory(_ body: (String) async throws -> Void) async throws {
    let directory = NSTemporaryDirectory() + "ccmsh-faults-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try await body(directory)
  }

  @Test func groupsAreValidated() throws {
    let known = ["node1", "node2", "node3"]
    #expect(
      try NetworkFaults.groups(["node1,node2", "node3"], known: known) == [
        ["node1", "node2"], ["node3"],
      ])
    #expect(throws: CCMError.self) { try NetworkFaults.groups(["node1"], known: known) }
    #expect(throws: CCMError.self) { try NetworkFaults.groups(["node1", "node4"], known: known) }
    #expect(throws: CCMError.self) {
      try NetworkFaults.groups(["node1,node2", "node2"], known: known)
    }
  }

  @Test(arguments: RuntimeKind.allCases)
  func partitionDisconnectsTheSmallerGroupAndHealPutsItBack(kind: RuntimeKind) async throws {
    try await withDirectory { directory in
      let cut = FakeProcessRunner { command in
        command.arguments.first == "inspect" ? .ok(Self.inspect(kind, attached: true)) : .ok()
      }
      let faults = NetworkFaults(
        client: makeClient(kind, cut), network: "ccm-c1", clusterDirectory: directory)
      let record = try await faults.partition(
        [["node3"], ["node1", "node2"]], containers: Self.containers)
      #expect(
        record.isolated == [
          PartitionMember(node: "node3", container: "c-node3", address: "10.89.3.13")
        ])
      #expect(
        cut.argvs.last == [kind.rawValue, "network", "disconnect", "--force", "ccm-c1", "c-node3"])

      // Another process heals from the record, with the node's old address.
      let heal = FakeProcessRunner { command in
        command.arguments.first == "inspect" ? .ok(Self.inspect(kind, attached: false)) : .ok()
      }
      let healer = NetworkFaults(
        client: makeClient(kind, heal), network: "ccm-c1", clusterDirectory: directory)
      #expect(try await healer.heal() == ["node3"])
      #expect(
        heal.argvs.last == [
          kind.rawValue, "network", "connect", "--ip", "10.89.3.13", "ccm-c1", "c-node3",
        ])
      #expect(try PartitionRecord.load(clusterDirectory: directory) == nil)
      // Healing again does nothing.
      #expect(try await healer.heal() == [])
      #expect(heal.argvs.count == 2)
    }
  }

  @Test func healSkipsNodesAlreadyBack() async throws {
    try await withDirectory { directory in
      try PartitionRecord(
        network: "ccm-c1", groups: [["node1"], ["node3"]],
        isolated: [PartitionMember(node: "node3", container: "c-node3", address: "10.89.3.13")]
      ).save(clusterDirectory: directory)
      let runner = FakeProcessRunner { _ in .ok(Self.inspect(.podman, attached: true)) }
      let faults = NetworkFaults(
        client: makeClient(.podman, runner), network: "ccm-c1", clusterDirectory: directory)
      #expect(try await faults.heal() == [])
      #expect(runner.argvs.map { $0[1] } == ["inspect"])
    }
  }

  /// A node stopped when the partition is taken is cut off too (its fixed address recorded), so
  /// the partition holds when it starts; heal gives podman its fixed MAC back.
  @Test(arguments: RuntimeKind.allCases)
  func stoppedNodeIsDisconnectedAndHealedWithItsAddress(kind: RuntimeKind) async throws {
    try await withDirectory { directory in
      let cut = FakeProcessRunner { command in
        command.arguments.first == "inspect"
          ? .ok(Self.inspect(kind, attached: true, running: false)) : .ok()
      }
      let faults = NetworkFaults(
        client: makeClient(kind, cut), network: "ccm-c1", clusterDirectory: directory)
      let fixed = NetworkAttachment(
        network: "ccm-c1", ipv4Address: "10.89.3.4", macAddress: "02:11:0a:59:03:04")
      let record = try await faults.partition(
        [["node3"], ["node1", "node2"]], containers: Self.containers, fixed: ["node3": fixed])
      #expect(record.isolated.first?.address == "10.89.3.4")
      #expect(
        cut.argvs.last == [kind.rawValue, "network", "disconnect", "--force", "ccm-c1", "c-node3"])
      #expect(try PartitionRecord.load(clusterDirectory: directory)?.isolates("node3") == true)

      let heal = FakeProcessRunner { command in
        command.arguments.first == "inspect" ? .ok(Self.inspect(kind, attached: false)) : .ok()
      }
      let healer = NetworkFaults(
        client: makeClient(kind, heal), network: "ccm-c1", clusterDirectory: directory)
      #expect(try await healer.heal() == ["node3"])
      let mac = kind == .podman ? ["--mac-address", "02:11:0a:59:03:04"] : []
      #expect(
        heal.argvs.last
          == [kind.rawValue, "network", "connect", "--ip", "10.89.3.4"] + mac + [
            "ccm-c1", "c-node3",
          ])
    }
  }
}
