/// `conf/cassandra-rackdc.properties`, read by GossipingPropertyFileSnitch.
enum RackDCProperties {
  /// What scylla-ccm writes: `dc=<dc>\nrack=<rack>\n` with defaults `dc1` / `RAC1`; for a
  /// container node without a DC or rack, the image's own default `dc=datacenter1\n`.
  static func contents(for node: NodeConf, inContainer: Bool) -> String {
    if inContainer, node.dataCenter == nil, node.rack == nil { return "dc=datacenter1\n" }
    return "dc=\(node.dataCenter ?? "dc1")\nrack=\(node.rack ?? "RAC1")\n"
  }
}
