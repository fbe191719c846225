import Yams

/// Hinted handoff as `updateconf` writes it (`--no-hh`).
public enum HintedHandoff: Sendable, Equatable {
  case enabled
  case disabled
}

/// Commit-log sync mode as `updateconf` writes it (`--batch-cl`).
public enum CommitLogSync: Sendable, Equatable {
  case periodic
  case batch
}

/// One `updateconf`: the user's `key:value` settings plus the keys scylla-ccm's updateconf
/// always writes from its option defaults (hinted handoff and the commit-log trio), so files
/// match what ccm would produce.
public struct ConfigUpdate: Sendable, Equatable {
  /// Parsed `key:value` arguments, in order (see `SettingParser`).
  var settings: YAMLMapping
  var hintedHandoff: HintedHandoff
  var commitLogSync: CommitLogSync
  /// `--rt MS`: read/range/write/truncate/request timeouts.
  var rpcTimeoutMilliseconds: Int?

  /// Parses `arguments`; `CCMError.malformedSetting` for a bad one.
  public init(
    arguments: [String], hintedHandoff: HintedHandoff = .enabled,
    commitLogSync: CommitLogSync = .periodic, rpcTimeoutMilliseconds: Int? = nil
  ) throws(CCMError) {
    settings = YAMLMapping(try SettingParser.parse(arguments))
    self.hintedHandoff = hintedHandoff
    self.commitLogSync = commitLogSync
    self.rpcTimeoutMilliseconds = rpcTimeoutMilliseconds
  }

  /// The complete change to merge into `config_options`.
  func changes() throws(CCMError) -> Node.Mapping {
    var changes = settings.node
    changes["hinted_handoff_enabled"] = YAMLScalar.bool(hintedHandoff == .enabled)
    if let timeout = rpcTimeoutMilliseconds {
      for key in [
        "read_request_timeout_in_ms", "range_request_timeout_in_ms",
        "write_request_timeout_in_ms", "truncate_request_timeout_in_ms", "request_timeout_in_ms",
      ] {
        changes[key] = YAMLScalar.int(timeout)
      }
    }
    switch commitLogSync {
    case .periodic:
      changes["commitlog_sync"] = Node("periodic")
      changes["commitlog_sync_period_in_ms"] = YAMLScalar.int(10000)
      changes["commitlog_sync_batch_window_in_ms"] = YAMLScalar.null
    case .batch:
      changes["commitlog_sync"] = Node("batch")
      changes["commitlog_sync_batch_window_in_ms"] = YAMLScalar.int(5)
      changes["commitlog_sync_period_in_ms"] = YAMLScalar.null
    }
    return changes.map { ($0.key, $0.value.pyYAMLStyled) }.reduce(into: Node.Mapping([])) {
      $0[$1.0] = $1.1
    }
  }
}

extension ClusterOperations {
  /// Merges `update` into the cluster's (or one node's) `config_options` and regenerates the
  /// affected scylla.yaml files (`updateconf`, `NODE updateconf`).
  @discardableResult
  public func updateConfiguration(
    _ update: ConfigUpdate, cluster clusterName: String?, node nodeName: String? = nil
  ) throws(CCMError) -> Cluster {
    let name = try store.resolveClusterName(clusterName)
    return try locked(name) { () throws(CCMError) -> Cluster in
      var cluster = try store.load(name)
      let changes = try update.changes()
      let base = try BaseScyllaYAML.load(for: cluster)
      if let nodeName {
        _ = try cluster.node(named: nodeName)
        guard let index = cluster.nodes.firstIndex(where: { $0.name == nodeName }) else {
          throw .nodeNotFound(node: nodeName, cluster: name)
        }
        cluster.nodes[index].configOptions = ConfigOverlay.merge(
          changes, into: cluster.nodes[index].configOptions)
        try store.saveNode(cluster.nodes[index], in: cluster)
        try NodeFiles.writeConfiguration(
          cluster.nodes[index], of: cluster, base: base, under: cluster.directory)
      } else {
        cluster.conf.configOptions = ConfigOverlay.merge(changes, into: cluster.conf.configOptions)
        try store.saveConf(cluster)
        for node in cluster.nodes {
          try NodeFiles.writeConfiguration(node, of: cluster, base: base, under: cluster.directory)
        }
      }
      return cluster
    }
  }
}
