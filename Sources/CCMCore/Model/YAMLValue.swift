import Yams

/// A YAML value as plain data: what a state file holds, with each scalar's text, type tag and
/// quoting style and each collection's style kept, so a file ccmsh rewrites differs only where
/// ccmsh changed it (the golden tests against scylla-ccm's own files hold it to that).
///
/// Why not Yams' `Node`: it holds class references (`Tag`, anchors), so it is not `Sendable` and
/// a loaded cluster could not cross a task boundary. `Node` stays the parser's and the emitter's
/// type: `init(_:)` and `node` convert at the file's edge. Anchors are not kept (ccm's files
/// have none).
indirect enum YAMLValue: Sendable, Hashable {
  case scalar(Scalar)
  case sequence([YAMLValue], style: Style, tag: String)
  case mapping(YAMLMapping)
  /// `*name`: a reference to an anchor.
  case alias(String)

  /// A scalar: its text, its resolved type tag (`tag:yaml.org,2002:int`) and how it is quoted.
  struct Scalar: Sendable, Hashable {
    var text: String
    var tag: String
    var style: Style
  }

  /// How a value is written (a Yams style's raw value), which equality ignores as Yams' does: a
  /// value rewritten in other quotes is no change, and a file is not rewritten for it.
  struct Style: Sendable, Hashable {
    var raw: UInt32
    static func == (lhs: Style, rhs: Style) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
  }

  /// The value of `node`, with its tag resolved (a node built in code has an implicit tag).
  init(_ node: Node) {
    switch node {
    case .scalar(let scalar):
      self = .scalar(
        Scalar(
          text: scalar.string, tag: node.tag.rawValue, style: Style(raw: scalar.style.rawValue)))
    case .sequence(let sequence):
      self = .sequence(
        sequence.map(YAMLValue.init), style: Style(raw: sequence.style.rawValue),
        tag: node.tag.rawValue)
    case .mapping(let mapping):
      self = .mapping(YAMLMapping(mapping))
    case .alias(let alias):
      self = .alias(alias.anchor.rawValue)
    }
  }

  /// This value as Yams' tree, for the emitter and for code that edits through Yams.
  var node: Node {
    switch self {
    case .scalar(let scalar):
      return .scalar(
        Node.Scalar(
          scalar.text, Self.tag(scalar.tag), Node.Scalar.Style(rawValue: scalar.style.raw) ?? .any))
    case .sequence(let items, let style, let tag):
      return .sequence(
        Node.Sequence(
          items.map(\.node), Self.tag(tag), Node.Sequence.Style(rawValue: style.raw) ?? .any))
    case .mapping(let mapping):
      return .mapping(mapping.node)
    case .alias(let name):
      return .alias(Node.Alias(Anchor(rawValue: name)))
    }
  }

  /// The scalar's text whatever its type (`7199` and `'7199'` both give "7199"); nil for a null
  /// or a collection.
  var text: String? {
    guard case .scalar(let scalar) = self, scalar.tag != Tag.Name.null.rawValue else {
      return nil
    }
    return scalar.text
  }

  /// The texts of a sequence's scalars; nil if this is not a sequence.
  var strings: [String]? {
    guard case .sequence(let items, _, _) = self else { return nil }
    return items.compactMap(\.text)
  }

  /// The mapping, if this is one.
  var mappingValue: YAMLMapping? {
    guard case .mapping(let mapping) = self else { return nil }
    return mapping
  }

  /// A plain scalar key, typed as a parser would type it.
  static func plainKey(_ text: String) -> YAMLValue {
    .scalar(
      Scalar(
        text: text, tag: PlainScalarTag.name(of: text).rawValue,
        style: Style(raw: Node.Scalar.Style.any.rawValue)))
  }

  /// A tag on the rule-less resolver: every stored tag is already resolved, so nothing that
  /// reads one back compiles Yams' regular expressions (see `PlainScalarTag`).
  static func tag(_ name: String) -> Tag {
    name.isEmpty ? .implicit : Tag(Tag.Name(rawValue: name), .basic, .default)
  }
}

/// A YAML mapping as plain data: its pairs in file order, with the mapping's own style and tag.
struct YAMLMapping: Sendable, Hashable {
  struct Pair: Sendable, Hashable {
    var key: YAMLValue
    var value: YAMLValue
  }

  var pairs: [Pair]
  var style: YAMLValue.Style
  var tag: String

  /// An empty block mapping.
  init() {
    pairs = []
    style = YAMLValue.Style(raw: Node.Mapping.Style.any.rawValue)
    tag = Tag.Name.map.rawValue
  }

  /// The mapping `mapping`, tags resolved.
  init(_ mapping: Node.Mapping) {
    pairs = mapping.map { Pair(key: YAMLValue($0.key), value: YAMLValue($0.value)) }
    style = YAMLValue.Style(raw: mapping.style.rawValue)
    tag = Tag.Name.map.rawValue
  }

  /// This mapping as Yams' tree.
  var node: Node.Mapping {
    Node.Mapping(
      pairs.map { ($0.key.node, $0.value.node) }, YAMLValue.tag(tag),
      Node.Mapping.Style(rawValue: style.raw) ?? .any)
  }

  /// The value under the scalar key `key`; setting nil removes the pair, setting a new key
  /// appends it (existing keys keep their place, as ccm's own rewrites do).
  subscript(key: String) -> YAMLValue? {
    get { pairs.first { $0.key.text == key }?.value }
    set {
      let index = pairs.firstIndex { $0.key.text == key }
      switch (index, newValue) {
      case (let index?, let value?): pairs[index].value = value
      case (let index?, nil): pairs.remove(at: index)
      case (nil, let value?): pairs.append(Pair(key: .plainKey(key), value: value))
      case (nil, nil): break
      }
    }
  }

  /// The value under a key of the key table.
  subscript(key: ConfKey) -> YAMLValue? {
    get { self[key.rawValue] }
    set { self[key.rawValue] = newValue }
  }

  /// Sets the key-table key `key` to `node` (Yams' tree, as the builders make values), or
  /// removes it for nil.
  mutating func set(_ key: ConfKey, _ node: Node?) {
    self[key] = node.map(YAMLValue.init)
  }

  /// The keys' texts, in order.
  var keys: [String] { pairs.compactMap(\.key.text) }

  var isEmpty: Bool { pairs.isEmpty }
}

extension ConfKey {
  /// The key as a node of Yams' tree, for the builders.
  var node: Node { Node(rawValue) }
}
