import Foundation
import Yams

/// Writes a node's directory: the volume subdirectories, node.conf, and the generated
/// `conf/scylla.yaml` and `conf/cassandra-rackdc.properties`.
enum NodeFiles {
  /// Creates (or refreshes) everything for `node` under `clusterRoot`, which is the cluster's
  /// directory or, during `create`, its staging copy.
  ///
  /// Paths written inside files always use the cluster's real directory.
  static func write(
    _ node: NodeConf, of cluster: Cluster, base: Node.Mapping, under clusterRoot: String
  ) throws(CCMError) {
    let nodeRoot = clusterRoot + "/" + node.name
    try AtomicFile.makeDirectory(nodeRoot)
    for volume in ContainerVolumes.all {
      try AtomicFile.makeDirectory(nodeRoot + "/" + volume.hostSubdirectory)
    }
    try SideConf.write(node.mapping, kind: .node, to: nodeRoot + "/node.conf")
    try ClusterSecurity.installNodeKeys(
      ClusterSecurity.nodeKeyFiles(in: cluster.conf.configOptions), from: clusterRoot,
      into: nodeRoot + "/" + ContainerVolumes.keys.hostSubdirectory)
    try writeConfiguration(node, of: cluster, base: base, under: clusterRoot)
  }

  /// Regenerates only the node's conf/ files (after `updateconf`): scylla.yaml, cassandra.yaml
  /// and cassandra-rackdc.properties.
  static func writeConfiguration(
    _ node: NodeConf, of cluster: Cluster, base: Node.Mapping, under clusterRoot: String
  ) throws(CCMError) {
    let conf = clusterRoot + "/" + node.name + "/" + ContainerVolumes.conf.hostSubdirectory
    try AtomicFile.makeDirectory(conf)
    let yaml = ScyllaYAMLGenerator.generate(base: base, cluster: cluster, node: node)
    try YAMLFile.write(yaml, to: conf + "/scylla.yaml")
    try YAMLFile.write(CassandraYAML.subset(of: yaml), to: conf + "/cassandra.yaml")
    try AtomicFile.write(
      RackDCProperties.contents(for: node, inContainer: cluster.conf.isContainerCluster),
      to: conf + "/cassandra-rackdc.properties")
  }

  /// Deletes what a directory holds but keeps the directory itself: in a container cluster it is
  /// a bind-mount source, and a container created earlier keeps pointing at its inode.
  static func emptyDirectory(_ path: String) throws(CCMError) {
    let entries: [String]
    do {
      entries = try FileManager.default.contentsOfDirectory(atPath: path)
    } catch {
      return try AtomicFile.makeDirectory(path)
    }
    for entry in entries { try removeTree(path + "/" + entry) }
  }

  /// Deletes a directory tree; a missing one is fine.
  static func removeTree(_ path: String) throws(CCMError) {
    guard FileManager.default.fileExists(atPath: path) else { return }
    do {
      try FileManager.default.removeItem(atPath: path)
    } catch {
      throw .fileSystem(path: path, problem: "cannot remove: \(error.localizedDescription)")
    }
  }
}
