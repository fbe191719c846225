import Yams

/// Builders and readers for the YAML scalars that ccm's files use.
///
/// ccm's files are read and rewritten through Yams' `Node` tree (not Codable) so keys ccmsh does
/// not know survive a rewrite and the output matches what scylla-ccm (PyYAML/ruamel) writes.
enum YAMLScalar {
  /// A string that stays a string when read back (`'7199'` is quoted, `dc1` is not).
  static func string(_ value: String) -> Node {
    let plain = Node(value)
    if plain.tag.rawValue == Tag.Name.str.rawValue { return plain }
    return .scalar(Node.Scalar(value, Tag(.str), .singleQuoted))
  }

  /// An integer, written plain.
  static func int(_ value: Int) -> Node { Node(String(value)) }

  /// A boolean, written `true`/`false` like PyYAML.
  static func bool(_ value: Bool) -> Node { Node(value ? "true" : "false") }

  /// A null, written as an empty value (`ipprefix:`) like ruamel does in cluster.conf.
  static var null: Node { Node("", Tag(.null)) }

  /// A block sequence of strings.
  static func stringList(_ values: [String]) -> Node {
    Node(values.map(string))
  }
}

extension Node {
  /// True when this node is a YAML null (`~`, `null`, or an empty value).
  var isNull: Bool {
    guard case .scalar = self else { return false }
    return tag.rawValue == Tag.Name.null.rawValue
  }

  /// The scalar's text whatever its type (`7199` and `'7199'` both give "7199"); nil for null.
  var scalarText: String? {
    guard case .scalar(let scalar) = self, !isNull else { return nil }
    return scalar.string
  }

  /// The strings of a sequence node; nil if this is not a sequence.
  var stringArray: [String]? {
    guard case .sequence(let sequence) = self else { return nil }
    return sequence.compactMap(\.scalarText)
  }
}

extension Node {
  /// This node restyled the way PyYAML's block emitter would write it: block collections, plain
  /// scalars unless quoting is needed to keep a string a string.
  ///
  /// Marks are dropped.
  var pyYAMLStyled: Node {
    switch self {
    case .scalar(let scalar):
      let plain = Node(scalar.string)
      if plain.tag.rawValue == tag.rawValue { return plain }
      if tag.rawValue == Tag.Name.str.rawValue { return YAMLScalar.string(scalar.string) }
      return Node(scalar.string, tag)
    case .sequence(let sequence):
      return Node(sequence.map(\.pyYAMLStyled))
    case .mapping(let mapping):
      return Node(mapping.map { ($0.key.pyYAMLStyled, $0.value.pyYAMLStyled) })
    case .alias:
      return self
    }
  }
}
