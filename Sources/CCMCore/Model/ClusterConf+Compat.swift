import Yams

extension ClusterConf {
  /// `fast_start: true`: the cluster was created with the fast-start profile (its flags are in
  /// `image_flags`; this key says where they came from).
  public var fastStart: Bool {
    get { mapping["fast_start"]?.scalarText == "true" }
    set { mapping["fast_start"] = newValue ? YAMLScalar.bool(true) : nil }
  }

  /// Sets `partitioner:` (`create -p CLASS`); the node configs carry it into scylla.yaml.
  public mutating func setPartitioner(_ partitioner: String) {
    mapping["partitioner"] = YAMLScalar.string(partitioner)
  }
}

extension ClusterConf {
  /// `populate -i PREFIX` / `-I FORMAT`: the addresses of the nodes about to be added.
  public mutating func setAddressing(prefix: String?, format: String?) throws(CCMError) {
    if let format {
      guard format.components(separatedBy: "%d").count == 2 else {
        throw .invalidArgument("--ip-format needs exactly one %d, got '\(format)'")
      }
      mapping["ipformat"] = YAMLScalar.string(format)
    }
    if let prefix { mapping["ipprefix"] = YAMLScalar.string(prefix) }
  }

  /// `populate --vnodes`.
  public mutating func setVnodes() { mapping["use_vnodes"] = YAMLScalar.bool(true) }
}
