import Yams

extension ClusterConf {
  /// `fast_start: true`: the cluster was created with the fast-start profile (its flags are in
  /// `image_flags`; this key says where they came from).
  public var fastStart: Bool {
    get { fields[.fastStart]?.text == "true" }
    set { fields[.fastStart] = newValue ? YAMLValue(YAMLScalar.bool(true)) : nil }
  }

  /// Sets `partitioner:` (`create -p CLASS`); the node configs carry it into scylla.yaml.
  public mutating func setPartitioner(_ partitioner: String) {
    fields[.partitioner] = YAMLValue(YAMLScalar.string(partitioner))
  }
}

extension ClusterConf {
  /// `populate -i PREFIX` / `-I FORMAT`: the addresses of the nodes about to be added.
  public mutating func setAddressing(prefix: String?, format: String?) throws(CCMError) {
    if let format {
      guard format.components(separatedBy: "%d").count == 2 else {
        throw .invalidArgument("--ip-format needs exactly one %d, got '\(format)'")
      }
      fields[.ipFormat] = YAMLValue(YAMLScalar.string(format))
    }
    if let prefix { fields[.ipPrefix] = YAMLValue(YAMLScalar.string(prefix)) }
  }

  /// `populate --vnodes`.
  public mutating func setVnodes() { fields[.useVnodes] = YAMLValue(YAMLScalar.bool(true)) }
}
