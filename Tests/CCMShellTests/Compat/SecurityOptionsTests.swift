import Foundation
import Testing

@testable import CCMCore
@testable import CCMShell

/// `create --ssl/--require_client_auth/--node-ssl/--pwd-auth/--snitch` (fake engine): the files
/// in each node's keys/, the scylla.yaml settings with the paths the server sees, and bad input
/// refused in one line with nothing made.
@Suite struct SecurityOptionsTests {
  /// A directory holding `names`, each file's text its own name.
  private func certificates(_ names: [String]) throws -> String {
    let directory = NSTemporaryDirectory() + "ccmsh-certs-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for name in names {
      try name.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }
    return directory
  }

  private func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? Int) ?? -1
  }

  @Test func sslNodeSslAndPasswordAuthLandInKeysAndScyllaYAML() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let client = try certificates(["ccm_node.pem", "ccm_node.key", "ccm_node.cer"])
    let node = try certificates(["ccm_node.pem", "ccm_node.key", "trust.pem"])
    defer { for d in [client, node] { try? FileManager.default.removeItem(atPath: d) } }
    let created = await cli.run(
      arguments: [
        "create", "t", "-n", "2", "--ssl", client, "--require_client_auth", "--node-ssl", node,
        "--pwd-auth",
      ])
    #expect(created.status == .ok, "\(created.stderr)")
    let keys = "/usr/lib/scylla/keys"
    for n in ["node1", "node2"] {
      for (file, text) in [
        ("ccm_node.pem", "ccm_node.pem"), ("ccm_node.key", "ccm_node.key"),
        ("ccm_node.cer", "ccm_node.cer"), ("internode-ccm_node.pem", "ccm_node.pem"),
        ("internode-ccm_node.key", "ccm_node.key"), ("internode-trust.pem", "trust.pem"),
      ] {
        #expect(try cli.read("t/\(n)/keys/\(file)") == text)
        let perms = try mode(cli.configDirectory + "/t/\(n)/keys/\(file)")
        #expect(perms & 0o007 == 0, "\(file) is open to others: \(String(perms, radix: 8))")
      }
      let yaml = try YAMLFile.readMapping(cli.configDirectory + "/t/\(n)/conf/scylla.yaml")
      let clientTLS = try #require(yaml["client_encryption_options"]?.mapping)
      #expect(clientTLS["enabled"]?.scalarText == "true")
      #expect(clientTLS["certificate"]?.scalarText == keys + "/ccm_node.pem")
      #expect(clientTLS["keyfile"]?.scalarText == keys + "/ccm_node.key")
      #expect(clientTLS["truststore"]?.scalarText == keys + "/ccm_node.cer")
      #expect(clientTLS["require_client_auth"]?.scalarText == "true")
      let serverTLS = try #require(yaml["server_encryption_options"]?.mapping)
      #expect(serverTLS["internode_encryption"]?.scalarText == "all")
      #expect(serverTLS["certificate"]?.scalarText == keys + "/internode-ccm_node.pem")
      #expect(serverTLS["keyfile"]?.scalarText == keys + "/internode-ccm_node.key")
      #expect(serverTLS["truststore"]?.scalarText == keys + "/internode-trust.pem")
      #expect(yaml["authenticator"]?.scalarText == "PasswordAuthenticator")
    }
    // Recorded in cluster.conf: a node added later gets the same files and settings.
    #expect(try cli.read("t/cluster.conf").contains("client_encryption_options:"))
    #expect(await cli.run("add node3").status == .ok)
    #expect(try cli.read("t/node3/keys/internode-trust.pem") == "trust.pem")
    #expect(try cli.read("t/node3/conf/scylla.yaml").contains(keys + "/ccm_node.cer"))
  }

  @Test func sslAloneNeedsOnlyTheCertificateAndKey() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let client = try certificates(["ccm_node.pem", "ccm_node.key"])
    defer { try? FileManager.default.removeItem(atPath: client) }
    #expect(await cli.run(arguments: ["create", "t", "-n", "1", "--ssl=" + client]).status == .ok)
    let yaml = try cli.read("t/node1/conf/scylla.yaml")
    #expect(yaml.contains("client_encryption_options:") && !yaml.contains("require_client_auth"))
    #expect(!yaml.contains("server_encryption_options:") && !yaml.contains("PasswordAuth"))
    #expect(!cli.exists("t/node1/keys/ccm_node.cer"))
  }

  @Test func badInputIsOneLineAndNothingIsMade() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    let partial = try certificates(["ccm_node.pem"])
    let noTrust = try certificates(["ccm_node.pem", "ccm_node.key"])
    defer { for d in [partial, noTrust] { try? FileManager.default.removeItem(atPath: d) } }
    let cases: [([String], String)] = [
      (["--ssl", partial], "ccm_node.key is missing (needed by --ssl)"),
      (["--ssl", noTrust, "--require_client_auth"], "ccm_node.cer is missing"),
      (["--node-ssl", noTrust], "trust.pem is missing (needed by --node-ssl)"),
      (["--ssl", "/nonexistent/certs"], "--ssl: '/nonexistent/certs' is not a directory"),
      (["--ssl="], "Missing value for '--ssl"),
      (["--require_client_auth"], "--require_client_auth needs --ssl DIR"),
      (["--snitch", "PropertyFileSnitch"], "ScyllaDB has no PropertyFileSnitch"),
    ]
    for (extra, message) in cases {
      let run = await cli.run(arguments: ["create", "t", "-n", "1"] + extra)
      #expect(run.status == .usage, "\(extra): \(run.status)")
      #expect(run.stderr.contains(message), "\(extra): \(run.stderr)")
      #expect(run.stderr.filter { $0 == "\n" }.count == 1, "\(extra): \(run.stderr)")
      #expect(!cli.exists("t") && !cli.exists("CURRENT"), "\(extra) left state")
    }
    #expect(cli.engine.calls.isEmpty, "the engine was asked before the input was checked")
  }

  @Test func snitchIsRecordedByShortOrClassName() async throws {
    let cli = try CLIHarness(environment: ["SCYLLA_DOCKER_IMAGE": "img"])
    defer { cli.remove() }
    #expect(await cli.run("create a -n 1 --snitch GossipingPropertyFileSnitch").status == .ok)
    let full = "org.apache.cassandra.locator.GossipingPropertyFileSnitch"
    #expect(try cli.read("a/node1/conf/scylla.yaml").contains("endpoint_snitch: \(full)\n"))
    #expect(
      await cli.run("create b -n 1 --snitch org.apache.cassandra.locator.SimpleSnitch").status
        == .ok)
    #expect(try cli.read("b/cluster.conf").contains("SimpleSnitch"))
  }
}
