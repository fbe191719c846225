import CCMCore

/// A node as `status`, `status -v` and `NODE show` present it, in text (ccm's words) and as a
/// structured value.
enum NodeReport {
  /// `node1: DOWN (Not initialized)`.
  static func statusLine(_ node: NodeConf) -> String {
    "\(node.name): \(node.status.displayText)"
  }

  /// ccm's `Node.show`: the status line, then `key=value` lines indented under the name.
  static func detailLines(_ node: NodeConf, cluster: String?, engine: Bool = true) -> [String] {
    let indent = String(repeating: " ", count: node.name.count + 2)
    var lines = [statusLine(node)]
    if let cluster { lines.append(indent + "cluster=\(cluster)") }
    lines.append(indent + "auto_bootstrap=\(node.autoBootstrap ? "True" : "False")")
    if let binary = node.binary { lines.append(indent + "binary=\(binary)") }
    if let storage = node.storage { lines.append(indent + "storage=\(storage)") }
    if let jmx = node.jmxPort { lines.append(indent + "jmx_port=\(jmx)") }
    if let debug = node.remoteDebugPort { lines.append(indent + "remote_debug_port=\(debug)") }
    lines.append(indent + "initial_token=\(node.initialToken ?? "None")")
    if let pid = node.pid ?? node.dockerID { lines.append(indent + "pid=\(pid)") }
    // Only for a node on its own engine: a one-engine cluster shows what it always showed.
    if engine, let endpoint = node.engine { lines.append(indent + "engine=\(endpoint)") }
    return lines
  }

  /// The structured form: everything the text shows, typed.
  static func value(_ node: NodeConf, detailed: Bool) -> CommandValue {
    var fields: [CommandValue.Field] = [
      .init(key: "name", value: .string(node.name)),
      .init(key: "status", value: .string(node.status.rawValue)),
      .init(key: "live", value: .bool(node.status.isLive)),
    ]
    guard detailed else { return .object(fields) }
    fields += [
      .init(key: "auto_bootstrap", value: .bool(node.autoBootstrap)),
      .init(key: "storage", value: endpoint(node.storage)),
      .init(key: "binary", value: endpoint(node.binary)),
      .init(key: "jmx_port", value: .optional(node.jmxPort)),
      .init(key: "remote_debug_port", value: .optional(node.remoteDebugPort)),
      .init(key: "initial_token", value: .optional(node.initialToken)),
      .init(key: "data_center", value: .optional(node.dataCenter)),
      .init(key: "rack", value: .optional(node.rack)),
      .init(key: "pid", value: .optional(node.pid ?? node.dockerID)),
    ]
    if let address = node.containerAddress {
      // ccmsh's own: where a loopback node is on the cluster network (partition acts there).
      fields.append(.init(key: "container_address", value: .string(address)))
    }
    if let engine = node.engine {
      fields.append(.init(key: "engine", value: .string(engine.description)))
    }
    return .object(fields)
  }

  private static func endpoint(_ endpoint: Endpoint?) -> CommandValue {
    guard let endpoint else { return .null }
    return .object(["address": .string(endpoint.host), "port": .int(endpoint.port)])
  }
}
