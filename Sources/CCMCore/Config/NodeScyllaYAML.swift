/// Values of a node's generated scylla.yaml, for what a command shows (`NODE show`'s Alternator
/// ports), so an importer of CCMCore reads a node's settings without a YAML type.
public enum NodeScyllaYAML {
  /// The integer values of `keys` in `<nodeDirectory>/conf/scylla.yaml`, for the keys that
  /// hold one; empty when the file cannot be read.
  public static func integers(_ keys: [String], nodeDirectory: String) -> [String: Int] {
    guard let yaml = try? YAMLFile.readMapping(nodeDirectory + "/conf/scylla.yaml") else {
      return [:]
    }
    var result: [String: Int] = [:]
    for key in keys {
      if let value = yaml[key]?.scalarText.flatMap({ Int($0) }) { result[key] = value }
    }
    return result
  }
}
