import CCMCore

/// `status`, `liveset` and `show` of a container cluster: `NodeReport`'s layout with the state
/// the runtime reports (one engine call for the whole cluster) instead of node.conf's.
enum LiveNodeReport {
  /// `node2: PAUSED` (for `show`).
  static func statusLine(_ live: NodeLiveStatus) -> String { "\(live.name): \(live.word)" }

  /// The word `status` prints: only scylla-ccm's.
  ///
  /// Those are `UP`, `DOWN`, `DOWN (Not initialized)` and `DECOMMISSIONED`, because harnesses
  /// parse them (gocql accepts only UP and DOWN). scylla-ccm says UP while the server's process
  /// lives, so a paused node, and a server starting or stopping, are UP; a server the supervisor
  /// has not running (exited, stopped, fatal, waiting to respawn) is DOWN. `show` and `--json`
  /// keep the precise word (PAUSED, `DOWN (server EXITED)`).
  static func ccmWord(_ live: NodeLiveStatus) -> String {
    guard live.recorded != .decommissioned else { return live.word }
    switch live.state {
    case .paused: return NodeStatus.up.rawValue
    case .other: return NodeStatus.down.rawValue
    case .running:
      guard let server = live.server, server == .backoff || server.isDown else {
        return NodeStatus.up.rawValue
      }
      return NodeStatus.down.rawValue
    default: return live.word
    }
  }

  /// `status` / `status -v` of a container cluster: only scylla-ccm 2.0.5's lines (image,
  /// container and PAUSED are in `show` and `--json`).
  static func ccmStatus(
    _ cluster: String, _ pairs: [(NodeConf, NodeLiveStatus)], verbose: Bool
  ) -> [String] {
    let header = "Cluster: '\(cluster)'"
    var lines = [header, String(repeating: "-", count: header.count)]
    if pairs.isEmpty { lines.append("No node in this cluster yet") }
    for (node, live) in pairs { lines += ccmLines(node, live, verbose: verbose) }
    return lines
  }

  /// `status` and `status -v` lines of one node, exactly as scylla-ccm 2.0.5 prints them (so
  /// without the engine, which `show` and `--json` give).
  static func ccmLines(_ node: NodeConf, _ live: NodeLiveStatus, verbose: Bool) -> [String] {
    let line = "\(live.name): \(ccmWord(live))"
    guard verbose else { return [line] }
    return [line] + NodeReport.detailLines(node, cluster: nil, engine: false).dropFirst() + [""]
  }

  /// `NodeReport.detailLines` with the live status, the container and its exit code.
  static func detailLines(_ node: NodeConf, _ live: NodeLiveStatus, cluster: String?) -> [String] {
    let indent = String(repeating: " ", count: node.name.count + 2)
    var lines = [statusLine(live)] + NodeReport.detailLines(node, cluster: cluster).dropFirst()
    lines.append(indent + "container=\(live.containerName)")
    if let image = live.image { lines.append(indent + "image=\(image)") }
    if let version = live.version { lines.append(indent + "version=\(version)") }
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
        .init(key: "image", value: .optional(live.image)),
        .init(key: "version", value: .optional(live.version)),
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
