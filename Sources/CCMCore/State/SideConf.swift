import Foundation
import Yams

/// `ccmsh.conf` beside cluster.conf (in the cluster directory) and beside node.conf (in each node
/// directory): a copy of the keys only ccmsh writes, so a cluster driven by scylla-ccm in turn
/// keeps them.
///
/// scylla-ccm rewrites cluster.conf and node.conf from its own fixed key lists (`updateconf`,
/// every node start or stop), which drops ccmsh's keys (`environment`, `start_timeout`,
/// `cluster_subnet`, `docker_image_id`, …); ccmsh would then re-create a container without its
/// `--env`, silently. ccmsh writes those keys to both files and, on reading, takes from the side
/// file what the main file lacks. scylla-ccm never opens the side file. A side file that cannot
/// be read is ignored: the main file alone is what ccmsh knew before side files existed.
enum SideConf {
  static let fileName = "ccmsh.conf"

  /// Which main file a side file shadows; each knows the keys scylla-ccm writes there itself.
  enum Kind: Sendable {
    case cluster
    case node

    /// The keys scylla-ccm's container mode writes (its `_update_config` of the cluster and of
    /// a node); every other key is ccmsh's and is kept in the side file.
    var scyllaCCMKeys: Set<String> {
      switch self {
      case .cluster: Set(ConfKey.writtenByScyllaCCMToCluster.map(\.rawValue))
      case .node: Set(ConfKey.writtenByScyllaCCMToNode.map(\.rawValue))
      }
    }
  }

  /// The side file's path for the main file at `path`.
  static func path(besides path: String) -> String {
    (path as NSString).deletingLastPathComponent + "/" + fileName
  }

  /// The keys of `mapping` that only ccmsh writes.
  static func ccmshKeys(of mapping: Node.Mapping, kind: Kind) -> Node.Mapping {
    Node.Mapping(
      mapping.filter { key, _ in
        guard let name = key.scalarText else { return false }
        return !kind.scyllaCCMKeys.contains(name)
      })
  }

  /// Writes the side file (or removes it when there is nothing of ccmsh's), then the main file.
  static func write(_ mapping: Node.Mapping, kind: Kind, to path: String) throws(CCMError) {
    let side = Self.path(besides: path)
    let own = ccmshKeys(of: mapping, kind: kind)
    if own.isEmpty {
      unlink(side)
    } else {
      try YAMLFile.write(own, to: side)
    }
    try YAMLFile.write(mapping, to: path)
  }

  /// Reads the main file, then adds the side file's keys the main file lacks (after the main
  /// file's own keys, in the side file's order).
  static func read(_ path: String, kind: Kind) throws(CCMError) -> Node.Mapping {
    var mapping = try YAMLFile.readMapping(path)
    let side = Self.path(besides: path)
    guard FileManager.default.fileExists(atPath: side),
      let saved = try? YAMLFile.readMapping(side)
    else { return mapping }
    for (key, value) in saved {
      guard let name = key.scalarText, !kind.scyllaCCMKeys.contains(name), mapping[name] == nil
      else { continue }
      mapping[name] = value
    }
    return mapping
  }
}
