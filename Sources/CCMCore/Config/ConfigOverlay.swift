import Yams

/// The two merge rules scylla-ccm applies to YAML option maps.
enum ConfigOverlay {
  /// Applies `options` onto a scylla.yaml mapping (`ScyllaNode.update_yaml`): a null value
  /// deletes the key, a map value onto an existing map sets each subkey, anything else replaces.
  static func apply(_ options: Node.Mapping, to yaml: inout Node.Mapping) {
    for (key, value) in options {
      if value.isNull {
        yaml[key] = nil
      } else if case .mapping(var existing) = yaml[key], case .mapping(let changes) = value {
        for (subkey, subvalue) in changes { existing[subkey] = subvalue }
        yaml[key] = .mapping(existing)
      } else {
        yaml[key] = value
      }
    }
  }

  /// The options a node's scylla.yaml gets: the cluster's, then the node's, key by key
  /// (node wins; scylla-ccm builds this as one dict before applying it).
  static func combined(cluster: Node.Mapping, node: Node.Mapping) -> Node.Mapping {
    var result = cluster
    for (key, value) in node { result[key] = value }
    return result
  }

  /// Merges `updateconf` settings into stored `config_options` (`common.merge_configuration`):
  /// maps merge recursively, everything else (null included) is stored as given.
  static func merge(_ changes: Node.Mapping, into original: Node.Mapping) -> Node.Mapping {
    var result = original
    for (key, value) in changes {
      if case .mapping(let existing) = result[key], case .mapping(let nested) = value {
        result[key] = .mapping(merge(nested, into: existing))
      } else {
        result[key] = value
      }
    }
    return result
  }
}
