import Foundation
import Yams

/// TLS and password authentication of a new cluster, as scylla-ccm's `create` takes them:
/// `--ssl DIR` (client TLS), `--require_client_auth`, `--node-ssl DIR` (internode TLS) and
/// `--pwd-auth`.
///
/// The files scylla-ccm expects are copied into the cluster directory under the names it gives
/// them, and from there into every node's `keys/` (mounted at `/usr/lib/scylla/keys`); the
/// scylla.yaml settings go into cluster.conf's `config_options`, pointing at the paths the
/// server sees, so every later start and every node added later keeps them.
public struct ClusterSecurity: Sendable, Equatable {
  /// `--ssl DIR`: `ccm_node.pem`, `ccm_node.key` (and `ccm_node.cer` with client auth).
  var clientDirectory: String?
  /// `--require_client_auth`: clients must present a certificate signed by `ccm_node.cer`.
  var requireClientAuth: Bool
  /// `--node-ssl DIR`: `ccm_node.pem`, `ccm_node.key`, `trust.pem` for node-to-node TLS.
  var nodeDirectory: String?
  /// `--pwd-auth`: `authenticator: PasswordAuthenticator`.
  var passwordAuth: Bool

  static let none = ClusterSecurity()

  public init(
    clientDirectory: String? = nil, requireClientAuth: Bool = false, nodeDirectory: String? = nil,
    passwordAuth: Bool = false
  ) {
    self.clientDirectory = clientDirectory
    self.requireClientAuth = requireClientAuth
    self.nodeDirectory = nodeDirectory
    self.passwordAuth = passwordAuth
  }

  /// One file to copy: from the given directory to the cluster directory under `name`.
  struct Copy: Sendable, Equatable {
    var source: String
    var name: String
  }

  /// The certificate and key files, in the order they are checked and copied.
  var copies: [Copy] {
    var copies: [Copy] = []
    if let clientDirectory {
      copies += ["ccm_node.pem", "ccm_node.key"].map {
        Copy(source: clientDirectory + "/" + $0, name: $0)
      }
      if requireClientAuth {
        copies.append(Copy(source: clientDirectory + "/ccm_node.cer", name: "ccm_node.cer"))
      }
    }
    if let nodeDirectory {
      copies += ["trust.pem", "ccm_node.pem", "ccm_node.key"].map {
        Copy(source: nodeDirectory + "/" + $0, name: "internode-" + $0)
      }
    }
    return copies
  }

  /// Refuses what cannot work, in one line, before anything is written.
  public func validate() throws(CCMError) {
    if requireClientAuth && clientDirectory == nil {
      throw .invalidArgument("--require_client_auth needs --ssl DIR")
    }
    for (option, directory) in [("--ssl", clientDirectory), ("--node-ssl", nodeDirectory)] {
      guard let directory else { continue }
      var isDirectory: ObjCBool = false
      guard !directory.isEmpty,
        FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
        isDirectory.boolValue
      else {
        throw .invalidArgument("\(option): '\(directory)' is not a directory")
      }
    }
    for copy in copies where !FileManager.default.isReadableFile(atPath: copy.source) {
      let why =
        FileManager.default.fileExists(atPath: copy.source) ? "cannot be read" : "is missing"
      throw .invalidArgument("\(copy.source) \(why) (needed by \(option(for: copy)))")
    }
  }

  private func option(for copy: Copy) -> String {
    if copy.name.hasPrefix("internode-") { return "--node-ssl" }
    return copy.name == "ccm_node.cer" ? "--require_client_auth" : "--ssl"
  }

  /// The `config_options` entries; `keys` is where the server finds the copied files
  /// (`/usr/lib/scylla/keys` in a container, the cluster directory for a local install).
  func configOptions(keys: String) -> [(Node, Node)] {
    let path = { (name: String) in YAMLScalar.string(keys + "/" + name) }
    var options: [(Node, Node)] = []
    if clientDirectory != nil {
      var client: [(Node, Node)] = [
        (Node("enabled"), YAMLScalar.bool(true)),
        (Node("certificate"), path("ccm_node.pem")),
        (Node("keyfile"), path("ccm_node.key")),
      ]
      if requireClientAuth {
        client += [
          (Node("require_client_auth"), YAMLScalar.bool(true)),
          (Node("truststore"), path("ccm_node.cer")),
        ]
      }
      options.append((Node("client_encryption_options"), Node(client)))
    }
    if nodeDirectory != nil {
      options.append(
        (
          Node("server_encryption_options"),
          Node([
            (Node("internode_encryption"), Node("all")),
            (Node("certificate"), path("internode-ccm_node.pem")),
            (Node("keyfile"), path("internode-ccm_node.key")),
            (Node("truststore"), path("internode-trust.pem")),
          ])
        ))
    }
    if passwordAuth {
      options.append((Node("authenticator"), Node("PasswordAuthenticator")))
    }
    return options
  }

  /// Copies the files into `directory` (the cluster's, or its staging copy), readable by their
  /// owner and group only: keys are secrets, and the node's owner (the image's user) reads them
  /// through the group `NodeOwnership` gives it.
  func copyFiles(into directory: String) throws(CCMError) {
    for copy in copies {
      try Self.copy(copy.source, to: directory + "/" + copy.name)
    }
  }

  /// The files a node's `keys/` needs: every path under `/usr/lib/scylla/keys/` named by the
  /// encryption options in `options` (scylla.yaml's overlay, so an `updateconf` that points at
  /// another copied file is followed), copied from the cluster directory.
  static func nodeKeyFiles(in options: Node.Mapping) -> [String] {
    let prefix = ContainerVolumes.keys.containerPath + "/"
    return ["client_encryption_options", "server_encryption_options"].flatMap { key in
      (options[key]?.mapping ?? Node.Mapping([])).compactMap { _, value -> String? in
        guard let path = value.scalarText, path.hasPrefix(prefix) else { return nil }
        let name = String(path.dropFirst(prefix.count))
        return name.contains("/") || name.isEmpty ? nil : name
      }
    }
  }

  /// Copies the key files a node needs from `clusterRoot` into its `keys/` (missing sources are
  /// skipped: the server names the path it cannot read).
  static func installNodeKeys(
    _ names: [String], from clusterRoot: String, into keys: String
  ) throws(CCMError) {
    for name in names where FileManager.default.fileExists(atPath: clusterRoot + "/" + name) {
      try copy(clusterRoot + "/" + name, to: keys + "/" + name)
    }
  }

  private static func copy(_ source: String, to destination: String) throws(CCMError) {
    guard let data = FileManager.default.contents(atPath: source) else {
      throw .fileSystem(path: source, problem: "cannot read file")
    }
    unlink(destination)
    guard
      FileManager.default.createFile(
        atPath: destination, contents: data, attributes: [.posixPermissions: 0o640]),
      chmod(destination, 0o640) == 0
    else {
      throw .fileSystem(path: destination, problem: "cannot write: \(AtomicFile.errnoText())")
    }
  }
}
