import CCMCore

/// `status`, `liveset` and `show` of a container cluster: `NodeReport`'s layout with the state
/// the runtime reports (one engine call for the whole cluster) instead of node.conf's.
enum LiveNodeReport {
  /// `node2: PAUSED`.
  static func statusLine(_ live: NodeLiveStatus) -> String { "\(live.name): \(live.word)" }

  /// `NodeReport.detailLines` with the live status, the container and its exit code.
  static func detailLines(_ node: NodeConf, _ live: NodeLiveStatus, cluster: String?) -> [String] {
    let indent = String(repeating: " ", count: node.name.count + 2)
    var lines = [statusLine(live)] + NodeReport.detailLines(node, cluster: cluster).dropFirst()
    lines.append(indent + "container=\(live.containerName)")
    if let code = live.exitCode { lines.append(indent + "exit_code=\(code)") }
    return lines
  }

  /// `NodeReport.value` with the live status and the container fields.
  static func value(_ node: NodeConf, _ live: NodeLiveStatus, detailed: Bool) -> CommandValue {
    guard case .object(var fields) = NodeReport.value(node, detailed: detailed) else {
      return .null
    }
    fields = fields.map { field in
      switch field.key {
      case "status": .init(key: "status", value: .string(live.word))
      case "live": .init(key: "live", value: .bool(live.isLive))
      default: field
      }
    }
    fields.append(.init(key: "paused", value: .bool(live.state == .paused)))
    if detailed {
      fields += [
        .init(key: "address", value: .optional(live.address)),
        .init(key: "container", value: .string(live.containerName)),
        .init(key: "container_id", value: .optional(live.containerID)),
        .init(key: "exit_code", value: live.exitCode.map { .int(Int($0)) } ?? .null),
      ]
    }
    return .object(fields)
  }

  /// The image lines of `status -v` / `show`: reference, recorded id, and the drift warning.
  static func imageLines(_ status: ClusterLiveStatus) -> [String] {
    guard let image = status.image else { return [] }
    var lines = [
      "Image: \(image) (id \(status.imageID.map { String($0.prefix(12)) } ?? "unknown"))"
    ]
    if let digest = status.imageDigest { lines.append("Image digest: \(digest)") }
    if let warning = status.imageWarning { lines.append("WARNING: \(warning)") }
    return lines
  }

  static func imageValue(_ status: ClusterLiveStatus) -> CommandValue {
    .object([
      "image": .optional(status.image), "image_id": .optional(status.imageID),
      "image_digest": .optional(status.imageDigest),
      "warning": .optional(status.imageWarning),
    ])
  }
}
