/// `conf/cassandra-rackdc.properties`, read by GossipingPropertyFileSnitch (ccm's default).
public enum RackDCProperties {
  /// `dc=<dc>\nrack=<rack>\n`, defaulting to ccm's `dc1` / `RAC1`.
  public static func contents(for node: NodeConf) -> String {
    "dc=\(node.dataCenter ?? "dc1")\nrack=\(node.rack ?? "RAC1")\n"
  }
}
