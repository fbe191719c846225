import Foundation
import Testing

@testable import CCMCore

/// A Swarm overlay across two real engines: `SwarmNetwork` makes it, a container on each engine
/// reaches the other by its fixed overlay address, and removal leaves no Swarm, network or
/// container on either engine.
@Suite(
  "Multi-host Swarm overlay", .tags(.container, .docker, .multihost), .serialized,
  .enabled("multihost-harness can run here (root, vxlan, dockerd)") {
    await MultiHostHarness.shouldRun()
  })
struct MultiHostSwarmTests {
  static let labelKey = "org.ccmsh.integration-test"

  @Test func overlayJoinsContainersOnTwoEngines() async throws {
    try await MultiHostHarness.withHosts { hosts in
      let id = "ccmsh-it-mh-\(UUID().uuidString.prefix(8).lowercased())"
      let labels = [Self.labelKey: id]
      let members = hosts.map {
        SwarmMember(
          client: DockerClient(endpoint: .url($0.url)), advertiseAddress: $0.underlayAddress)
      }
      let overlay = NetworkSpec(name: id, subnet: "10.252.0.0/24", labels: labels)

      let preparing = ContinuousClock.now
      let setup = try await SwarmNetwork.prepare(members: members, overlay: overlay)
      print("swarm init + join + overlay: \(ContinuousClock.now - preparing)")
      #expect(setup.createdSwarm && setup.joinedIndices == [1])

      let addresses = ["10.252.0.11", "10.252.0.12"]
      for (index, member) in members.enumerated() {
        _ = try await member.client.run(
          ContainerSpec(
            image: Engines.testImage, name: "\(id)-n\(index + 1)", labels: labels,
            network: NetworkAttachment(network: id, ipv4Address: addresses[index]),
            entrypoint: "sleep", command: ["300"],
            // busybox ping needs a raw socket: root, not the image's user.
            user: "0"))
      }
      // Each engine holds exactly its own container: the calls went where they were addressed.
      for (index, member) in members.enumerated() {
        #expect(try await member.client.list(labels: labels).map(\.name) == ["\(id)-n\(index + 1)"])
      }
      for (index, member) in members.enumerated() {
        let other = addresses[1 - index]
        let ping = try await member.client.exec(
          "\(id)-n\(index + 1)", ExecRequest(["ping", "-c", "2", "-W", "2", other]))
        #expect(ping.exitCode == 0, "n\(index + 1) → \(other): \(ping.standardOutput)")
      }
      // Nothing inside may leave the machine: the hosts have no default route.
      let outside = try await members[0].client.exec(
        "\(id)-n1", ExecRequest(["ping", "-c", "1", "-W", "1", "192.0.2.1"]))
      #expect(outside.exitCode != 0)

      for (index, member) in members.enumerated() {
        try await member.client.remove("\(id)-n\(index + 1)", mode: .force, volumes: .remove)
      }
      try await SwarmNetwork.remove(setup, members: members, overlay: overlay)
      for member in members {
        #expect(try await member.client.swarmState().isInactive)
        #expect(try await member.client.list(labels: labels).isEmpty)
        #expect(try await member.client.networkLabels(id) == nil)
      }
    }
  }

  @Test func aSwarmItFoundIsKeptAndOnlyItsOverlayGoes() async throws {
    try await MultiHostHarness.withHosts { hosts in
      let id = "ccmsh-it-mh-\(UUID().uuidString.prefix(8).lowercased())"
      let members = hosts.map {
        SwarmMember(
          client: DockerClient(endpoint: .url($0.url)), advertiseAddress: $0.underlayAddress)
      }
      // A Swarm made by someone else, which ccmsh must keep.
      try await members[0].client.swarmInit(advertiseAddress: hosts[0].underlayAddress)
      let overlay = NetworkSpec(name: id, subnet: "10.252.1.0/24", labels: [Self.labelKey: id])
      let setup = try await SwarmNetwork.prepare(members: members, overlay: overlay)
      #expect(!setup.createdSwarm && setup.joinedIndices == [1])
      try await SwarmNetwork.remove(setup, members: members, overlay: overlay)
      #expect(try await members[0].client.swarmState().isActive)
      #expect(try await members[1].client.swarmState().isInactive)
      #expect(try await members[0].client.networkLabels(id) == nil)
    }
  }
}
