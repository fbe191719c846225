/// Which container engine a command goes to: a docker context (or podman connection) by name, or
/// an engine URL (`unix:///run/docker.sock`, `tcp://host:2376`, `ssh://user@host`).
///
/// nil where an endpoint is optional means the CLI's own default (`DOCKER_HOST`, the current
/// context), which is how a one-engine cluster behaves.
public enum EngineEndpoint: Sendable, Hashable, CustomStringConvertible {
  case context(String)
  case url(String)

  /// The schemes both CLIs accept for a remote engine; others (`http://`, `npipe://`) are refused
  /// so a typo is an error here rather than a confusing engine message later.
  static let schemes = ["unix", "tcp", "ssh"]

  /// Parses what a user typed after `--engine`; the text round-trips through `description`.
  public init(parsing text: String) throws(CCMError) {
    if let range = text.range(of: "://") {
      let scheme = String(text[..<range.lowerBound])
      let rest = text[range.upperBound...]
      guard Self.schemes.contains(scheme), !rest.isEmpty, !rest.contains(where: \.isWhitespace),
        scheme != "unix" || rest.hasPrefix("/")
      else { throw Self.invalid(text) }
      self = .url(text)
      return
    }
    guard Self.isContextName(text) else { throw Self.invalid(text) }
    self = .context(text)
  }

  public var description: String {
    switch self {
    case .context(let name): name
    case .url(let url): url
    }
  }

  /// The global options that send one CLI call to this engine; they go before the subcommand.
  func arguments(for kind: RuntimeKind) -> [String] {
    switch (kind, self) {
    case (.docker, .context(let name)): ["--context", name]
    case (.docker, .url(let url)): ["--host", url]
    case (.podman, .context(let name)): ["--connection", name]
    case (.podman, .url(let url)): ["--url", url]
    }
  }

  /// Docker's own rule for context names (`^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$`); it also keeps a name
  /// from being read as an option.
  static func isContextName(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, text.unicodeScalars.count >= 2 else {
      return false
    }
    func alphanumeric(_ scalar: Unicode.Scalar) -> Bool {
      scalar.isASCII
        && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
          || ("0"..."9").contains(scalar))
    }
    return alphanumeric(first)
      && text.unicodeScalars.dropFirst().allSatisfy {
        alphanumeric($0) || "_.+-".unicodeScalars.contains($0)
      }
  }

  static func invalid(_ text: String) -> CCMError {
    .invalidArgument(
      "invalid engine '\(text)': expected a docker context name or a URL"
        + " unix:///PATH, tcp://HOST:PORT or ssh://[USER@]HOST")
  }
}
