import ArgumentParser
import CCMCore
import Foundation

/// `create --ssl DIR [--require_client_auth] [--node-ssl DIR] [--pwd-auth]`, with scylla-ccm's
/// meaning (see `ClusterSecurity` for the files each directory must hold).
struct SecurityOptions: ParsableArguments {
  @Option(
    name: .customLong("ssl"),
    help: ArgumentHelp(
      "Client TLS: a directory with ccm_node.pem and ccm_node.key (and ccm_node.cer).",
      valueName: "DIR"))
  var clientDirectory: String?
  @Flag(
    name: .customLong("require_client_auth"),
    help: "Clients must present a certificate signed by --ssl's ccm_node.cer.")
  var requireClientAuth = false
  @Option(
    name: .customLong("node-ssl"),
    help: ArgumentHelp(
      "Node-to-node TLS: a directory with ccm_node.pem, ccm_node.key and trust.pem.",
      valueName: "DIR"))
  var nodeDirectory: String?
  @Flag(name: .customLong("pwd-auth"), help: "Password authentication (PasswordAuthenticator).")
  var passwordAuth = false

  var cluster: ClusterSecurity {
    ClusterSecurity(
      clientDirectory: clientDirectory.map(Self.absolute),
      requireClientAuth: requireClientAuth,
      nodeDirectory: nodeDirectory.map(Self.absolute), passwordAuth: passwordAuth)
  }

  /// An empty `--ssl=` stays empty (refused as no directory), not the working directory.
  private static func absolute(_ path: String) -> String {
    path.isEmpty ? path : ConfigDirectory.absolutePath(path)
  }
}

/// `create --snitch NAME`: the snitches ScyllaDB has that need no cloud metadata, by short or
/// full class name (scylla-ccm takes `org.apache.cassandra.locator.…`).
enum SnitchName {
  static let known = ["GossipingPropertyFileSnitch", "SimpleSnitch", "RackInferringSnitch"]
  private static let package = "org.apache.cassandra.locator."

  static func className(_ given: String) throws -> String {
    let short = given.hasPrefix(package) ? String(given.dropFirst(package.count)) : given
    guard known.contains(short) else {
      let hint = short == "PropertyFileSnitch" ? " (ScyllaDB has no PropertyFileSnitch)" : ""
      throw ValidationError(
        "--snitch must be one of \(known.joined(separator: ", "))\(hint), got '\(given)'")
    }
    return package + short
  }
}
