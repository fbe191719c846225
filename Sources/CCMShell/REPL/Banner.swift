/// What the REPL shows a person: a first line (as psql and redis-cli print one) and a prompt
/// that names the current cluster, which `clear`, `remove` and `start` act on.
enum Banner {
  static var text: String {
    "ccmsh\(version.map { " " + $0 } ?? ""): type `help` for commands and statements, "
      + "`help WORD` for one, Ctrl-D to leave."
  }

  /// The version the build knows, if any.
  static var version: String? { CCMVersion.current }

  /// `ccmsh> ` without a current cluster, `ccmsh:nu1> ` with one.
  static func prompt(current: String?) -> String {
    guard let current, !current.isEmpty else { return LibEditLineEditor.primaryPromptText }
    return "ccmsh:\(current)> "
  }
}
