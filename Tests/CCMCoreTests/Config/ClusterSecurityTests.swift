import Foundation
import Testing
import Yams

@testable import CCMCore

/// The scylla.yaml settings of `create --ssl/--node-ssl/--pwd-auth`, the key files a node's
/// keys/ gets, and what the start wait reads back from a node's scylla.yaml.
@Suite struct ClusterSecurityTests {
  @Test func aLocalClusterPointsAtTheClusterDirectory() throws {
    let security = ClusterSecurity(clientDirectory: "/certs", passwordAuth: true)
    let options = Node.Mapping(security.configOptions(keys: "/home/u/.ccm/c"))
    let client = try #require(options["client_encryption_options"]?.mapping)
    #expect(client["certificate"]?.scalarText == "/home/u/.ccm/c/ccm_node.pem")
    #expect(client["require_client_auth"] == nil)
    #expect(options["authenticator"]?.scalarText == "PasswordAuthenticator")
    // Only files under the keys mount are copied into nodes.
    #expect(ClusterSecurity.nodeKeyFiles(in: options).isEmpty)
  }

  @Test func nodeKeysFollowTheEncryptionOptions() throws {
    let options = try YAMLFile.parseMapping(
      """
      client_encryption_options:
        enabled: true
        certificate: /usr/lib/scylla/keys/ccm_node.pem
        keyfile: /usr/lib/scylla/keys/ccm_node.key
      server_encryption_options:
        internode_encryption: all
        truststore: /usr/lib/scylla/keys/other/trust.pem
      """, file: "t")
    #expect(ClusterSecurity.nodeKeyFiles(in: options) == ["ccm_node.pem", "ccm_node.key"])
  }

  @Test func theStartWaitReadsTLSAndPasswordAuthFromScyllaYAML() throws {
    let node = try temporaryConfigDirectory()
    defer { try? FileManager.default.removeItem(atPath: node) }
    try FileManager.default.createDirectory(
      atPath: node + "/conf", withIntermediateDirectories: true)
    #expect(!ContainerLifecycle.encryptsClients(nodeDirectory: node))
    #expect(ContainerLifecycle.credentials(nodeDirectory: node).isEmpty)
    try """
    client_encryption_options:
      enabled: true
    authenticator: org.apache.cassandra.auth.PasswordAuthenticator
    """.write(toFile: node + "/conf/scylla.yaml", atomically: true, encoding: .utf8)
    #expect(ContainerLifecycle.encryptsClients(nodeDirectory: node))
    #expect(
      ContainerLifecycle.credentials(nodeDirectory: node) == ["-u", "cassandra", "-p", "cassandra"])
  }
}
