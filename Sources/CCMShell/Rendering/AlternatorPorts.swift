import CCMCore

/// The Alternator (DynamoDB API) endpoints of a node, from its generated scylla.yaml
/// (`alternator_port`, `alternator_https_port`, set with `updateconf`), for `NODE show`.
///
/// scylla-ccm publishes these ports on the host; ccmsh's nodes are reached at their own address
/// (on the cluster network), so `show` says where.
enum AlternatorPorts {
  struct Endpoint: Sendable, Equatable {
    var key: String
    var port: Int
  }

  static func read(nodeDirectory: String) -> [Endpoint] {
    let keys = [("alternator", "alternator_port"), ("alternator_https", "alternator_https_port")]
    let ports = NodeScyllaYAML.integers(keys.map(\.1), nodeDirectory: nodeDirectory)
    return keys.compactMap { key, yamlKey in ports[yamlKey].map { Endpoint(key: key, port: $0) } }
  }

  /// `alternator=ADDRESS:PORT` lines, indented as `show`'s other lines.
  static func lines(_ endpoints: [Endpoint], node: String, address: String?) -> [String] {
    let indent = String(repeating: " ", count: node.count + 2)
    return endpoints.map { indent + "\($0.key)=\(address ?? "?"):\($0.port)" }
  }

  static func fields(_ endpoints: [Endpoint], address: String?) -> [CommandValue.Field] {
    endpoints.map {
      .init(
        key: $0.key,
        value: .object(["address": .optional(address), "port": .int($0.port)]))
    }
  }
}
