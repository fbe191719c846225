import Foundation
import Yams

/// The config directory's layout, scylla-ccm compatible:
/// `CURRENT`, `<cluster>/cluster.conf`, `<cluster>/<node>/node.conf`.
///
/// Reads never lock (every write is an atomic rename); writers hold `ClusterLock`.
public struct ClusterStore: Sendable {
  /// The config directory (absolute).
  let root: String
  /// The cluster a command names with `--cluster`: it stands in for CURRENT when no name is given,
  /// so parallel jobs sharing one config dir never switch each other's cluster.
  let target: String?
  /// Told of every read, lock and write (tests); nil in production.
  let observer: StoreObserver?

  public init(root: String, target: String? = nil) {
    self.init(root: root, target: target, observer: nil)
  }

  init(root: String, target: String? = nil, observer: StoreObserver?) {
    self.root = root
    self.target = target
    self.observer = observer
  }

  /// `<root>/<cluster>`.
  public func clusterDirectory(_ name: String) -> String { root + "/" + name }

  /// Names of every cluster: subdirectories holding a cluster.conf, sorted.
  public func clusterNames() -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return entries.filter { exists($0) }.sorted()
  }

  /// Whether `<root>/<name>/cluster.conf` exists.
  public func exists(_ name: String) -> Bool {
    FileManager.default.fileExists(atPath: clusterDirectory(name) + "/cluster.conf")
  }

  /// The name in CURRENT, if the file exists and is not empty.
  public func currentClusterName() -> String? {
    guard let data = FileManager.default.contents(atPath: root + "/CURRENT") else { return nil }
    let name = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return name.isEmpty ? nil : name
  }

  /// Makes `name` current (CURRENT holds `name\n`, as ccm writes it).
  func switchCurrent(to name: String) throws(CCMError) {
    try AtomicFile.makeDirectory(root)
    try AtomicFile.write(name + "\n", to: root + "/CURRENT")
  }

  /// Makes `name` current again when it still exists; otherwise leaves none (a test script run
  /// by `ccmsh run` gives the user's current cluster back).
  public func restoreCurrent(_ name: String?) {
    guard currentClusterName() != name else { return }
    if let name, exists(name), (try? switchCurrent(to: name)) != nil { return }
    clearCurrent()
  }

  /// Deletes CURRENT.
  func clearCurrent() {
    unlink(root + "/CURRENT")
  }

  /// The named cluster, or the current one when `name` is nil.
  public func resolveClusterName(_ name: String?) throws(CCMError) -> String {
    guard let name = name ?? target ?? currentClusterName() else { throw .noCurrentCluster }
    try EntityName.validate(name, as: .cluster)
    guard exists(name) else { throw .clusterNotFound(name) }
    return name
  }

  /// Loads a cluster and all its nodes, checking what ccmsh relies on.
  public func load(_ name: String) throws(CCMError) -> Cluster {
    try EntityName.validate(name, as: .cluster)
    guard exists(name) else { throw .clusterNotFound(name) }
    observer?(.read(cluster: name))
    let directory = clusterDirectory(name)
    let confPath = directory + "/cluster.conf"
    let conf = ClusterConf(mapping: try SideConf.read(confPath, kind: .cluster))
    guard conf.fields[.name]?.text != nil else {
      throw .invalidState(file: confPath, problem: "missing key 'name'")
    }
    var nodes: [NodeConf] = []
    for nodeName in conf.nodeNames {
      try EntityName.validate(nodeName, as: .node)
      nodes.append(try loadNode(directory + "/" + nodeName + "/node.conf"))
    }
    return Cluster(directory: directory, conf: conf, nodes: nodes)
  }

  private func loadNode(_ path: String) throws(CCMError) -> NodeConf {
    let node = NodeConf(mapping: try SideConf.read(path, kind: .node))
    guard node.fields[.name]?.text != nil else {
      throw .invalidState(file: path, problem: "missing key 'name'")
    }
    if let word = node.fields[.status]?.text, NodeStatus(rawValue: word) == nil {
      throw .invalidState(file: path, problem: "unknown status '\(word)'")
    }
    guard node.storage != nil else {
      throw .invalidState(file: path, problem: "missing or malformed 'interfaces.storage'")
    }
    return node
  }

  /// Writes cluster.conf atomically (and its `SideConf`).
  func saveConf(_ cluster: Cluster) throws(CCMError) {
    observer?(.write(path: cluster.directory + "/cluster.conf"))
    try SideConf.write(
      cluster.conf.mapping, kind: .cluster, to: cluster.directory + "/cluster.conf")
  }

  /// Writes one node's node.conf atomically (and its `SideConf`).
  func saveNode(_ node: NodeConf, in cluster: Cluster) throws(CCMError) {
    observer?(.write(path: cluster.nodeDirectory(node.name) + "/node.conf"))
    try SideConf.write(
      node.mapping, kind: .node, to: cluster.nodeDirectory(node.name) + "/node.conf")
  }
}
