/// Where a cluster's Scylla comes from.
public enum ClusterSource: Sendable, Equatable {
  /// A local build or relocatable package with `conf/scylla.yaml`.
  case installDirectory(String)
  /// Nodes run as containers of `image`; `baseConfig` is the image's scylla.yaml text, if known
  /// (else the built-in default is used; see `BaseScyllaYAML`).
  case container(image: String, runtime: RuntimeKind?, baseConfig: String?)
}

/// How node addresses are formed (`create -i`, `-I`, `--id`).
public enum Addressing: Sendable, Equatable {
  /// `127.0.<id>.<i>`; `--id N` (0-99) separates parallel clusters.
  case standard(id: Int)
  /// `<prefix><i>`, e.g. `10.1.1.`.
  case prefix(String)
  /// A format with `%d` for the node index, e.g. `127.0.%d.1`.
  case format(String)
}

/// Token assignment.
public enum TokenMode: Sendable, Equatable {
  /// One token per node, balanced per DC (`num_tokens: 1`).
  case balanced
  /// 256 vnodes per node, no initial tokens.
  case vnodes
}

/// Whether `create` makes the new cluster current.
public enum CurrentSelection: Sendable, Equatable {
  case switchToNew
  case keepCurrent
}

/// Everything `create` needs.
public struct ClusterSpec: Sendable, Equatable {
  var name: String
  public var source: ClusterSource
  var nodeCount: NodeCount?
  var addressing: Addressing
  var tokens: TokenMode
  var current: CurrentSelection
  /// `--ssl`, `--node-ssl`, `--require_client_auth`, `--pwd-auth`.
  public var security: ClusterSecurity = .none
  /// `--snitch CLASS` (`endpoint_snitch`); multi-DC clusters get GossipingPropertyFileSnitch.
  public var snitch: String?

  public init(
    name: String, source: ClusterSource, nodeCount: NodeCount? = nil,
    addressing: Addressing = .standard(id: 0), tokens: TokenMode = .balanced,
    current: CurrentSelection = .switchToNew
  ) {
    self.name = name
    self.source = source
    self.nodeCount = nodeCount
    self.addressing = addressing
    self.tokens = tokens
    self.current = current
  }
}
