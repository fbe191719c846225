import Foundation
import Testing

@testable import CCMCore

/// Engine-wide names: the same cluster name in two config dirs never collides.
@Suite struct ContainerNamesTests {
  @Test func sameClusterInTwoConfigDirectoriesGetsDistinctNames() {
    let first = "/tmp/a/cfg"
    let second = "/tmp/b/cfg"
    #expect(
      ContainerNames.network(cluster: "nupod", configDirectory: first)
        != ContainerNames.network(cluster: "nupod", configDirectory: second))
    #expect(
      ContainerNames.container(node: "node1", cluster: "nupod", configDirectory: first)
        != ContainerNames.container(node: "node1", cluster: "nupod", configDirectory: second))
    let name = ContainerNames.container(node: "node1", cluster: "nupod", configDirectory: first)
    #expect(name.hasPrefix("cfg-nupod-") && name.hasSuffix("-node1"))
    #expect(ContainerNames.network(cluster: "My_C", configDirectory: first).hasPrefix("ccm-my-c-"))
  }

  @Test func macIsFixedPerAddressAndClusterAndLocallyAdministered() throws {
    let mac = try #require(
      ContainerNames.mac(address: "10.198.75.2", cluster: "c", configDirectory: "/x"))
    #expect(mac.hasPrefix("02:") && mac.hasSuffix(":0a:c6:4b:02"))
    #expect(mac == ContainerNames.mac(address: "10.198.75.2", cluster: "c", configDirectory: "/x"))
    #expect(!mac.hasPrefix("02:42:"))
    // Two clusters (or config dirs) on the same subnet do not share MACs.
    let others = (0..<50).compactMap {
      ContainerNames.mac(address: "10.198.75.2", cluster: "c\($0)", configDirectory: "/x")
    }
    #expect(Set(others).count > 40)
    #expect(ContainerNames.mac(address: "host", cluster: "c", configDirectory: "/x") == nil)
  }

  /// podman is given the MAC at run and at reconnect (heal); docker derives its own from the IP.
  @Test(arguments: RuntimeKind.allCases) func macIsPinnedOnPodmanOnly(kind: RuntimeKind) {
    let attachment = NetworkAttachment(
      network: "n", ipv4Address: "10.1.2.3", macAddress: "02:11:0a:01:02:03")
    let dialect = RuntimeDialect(kind: kind, binary: kind.rawValue)
    let run = dialect.runArguments(ContainerSpec(image: "img", name: "c", network: attachment))
    let connect = dialect.connectArguments("c", attachment)
    #expect(run.contains("--mac-address") == (kind == .podman))
    #expect(connect.contains("--mac-address") == (kind == .podman))
  }
}
