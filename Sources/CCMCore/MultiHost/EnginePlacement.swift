/// Which engine each node of a cluster runs on: round-robin over the engines in node order, with
/// `--place nodeK=E` pins taking precedence.
///
/// No engines at all means the CLI's default engine for every node: a one-engine cluster exactly
/// as before. Podman clusters stay on one engine (podman has no Swarm to join hosts).
public struct EnginePlacement: Sendable, Hashable {
  /// The engines given with `--engine`, in order, without repeats.
  let engines: [EngineEndpoint]
  /// Node name → the engine it is pinned to.
  let pins: [String: EngineEndpoint]

  init(
    engines: [EngineEndpoint], pins: [String: EngineEndpoint] = [:], runtime: RuntimeKind
  ) throws(CCMError) {
    var seen = Set<EngineEndpoint>()
    for engine in engines where !seen.insert(engine).inserted {
      throw .invalidArgument("--engine \(engine) is given twice")
    }
    let distinct = seen.union(pins.values)
    if runtime == .podman, distinct.count > 1 {
      throw .invalidArgument(
        "podman clusters run on one engine (\(distinct.count) given); several engines need"
          + " docker, whose Swarm overlay joins them")
    }
    if engines.isEmpty, let node = pins.keys.min() {
      throw .invalidArgument("--place \(node)=... needs at least one --engine")
    }
    self.engines = engines
    self.pins = pins
  }

  /// More than one distinct engine: the cluster needs an overlay network rather than a bridge.
  var spansEngines: Bool { Set(engines).union(pins.values).count > 1 }

  /// The engine for the node at `index` (0-based, in node order); nil means the default engine.
  func engine(forNode name: String, index: Int) -> EngineEndpoint? {
    if let pinned = pins[name] { return pinned }
    guard !engines.isEmpty, index >= 0 else { return nil }
    return engines[index % engines.count]
  }

  /// `nodeK=ENGINE`, as `--place` takes it.
  public static func parsePin(_ text: String) throws(CCMError) -> (
    node: String,
    engine:
      EngineEndpoint
  ) {
    guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
      throw .invalidArgument("malformed --place '\(text)': expected NODE=ENGINE, e.g. node3=host2")
    }
    let node = String(text[..<equals])
    let engine = try EngineEndpoint(parsing: String(text[text.index(after: equals)...]))
    return (node, engine)
  }
}
