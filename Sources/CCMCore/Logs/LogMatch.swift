/// What a log wait looks for (`NodeLog.waitFor`): the rule, and the words error messages use.
///
/// Patterns are kept as text and compiled at each look: a compiled `Regex` cannot cross tasks,
/// and each look runs in its own (the wait engine bounds it by the time that remains).
public struct LogMatch: Sendable {
  /// What is awaited, as a timeout names it ("ready line (CQL on port 9042)").
  let awaited: String
  /// The one line pattern, when a single line decides.
  ///
  /// The wait may then follow the container's output line by line; nil: the rule reads the log
  /// as a whole, so the wait polls it.
  let linePattern: String?
  /// The found lines, or nil when not yet; `recent` are the lines after the mark, `log` the
  /// whole file (for rules that look before the mark).
  let find: @Sendable (_ recent: [Substring], _ log: NodeLogFile) -> [String]?

  /// Every pattern matches a line after the mark (scylla-ccm's `watch_log_for`); the wait gives
  /// the first such line for each, in pattern order.
  ///
  /// Throws `CCMError.invalidArgument` for a pattern that is not a regex.
  static func lines(_ patterns: [String], describing awaited: String? = nil)
    throws(CCMError) -> LogMatch
  {
    for pattern in patterns { _ = try compile(pattern) }
    return LogMatch(
      awaited: awaited ?? patterns.map { "'\($0)'" }.joined(separator: " and "),
      linePattern: patterns.count == 1 ? patterns[0] : nil
    ) { recent, _ in
      var found: [String] = []
      for pattern in patterns {
        guard let regex = try? Regex(pattern),
          let line = recent.first(where: { $0.contains(regex) })
        else { return nil }
        found.append(String(line))
      }
      return found
    }
  }

  /// One line matching `pattern` after the mark.
  public static func line(_ pattern: String, describing awaited: String? = nil) throws(CCMError)
    -> LogMatch
  {
    try lines([pattern], describing: awaited)
  }

  /// Another node saw `address` (node `node`) come up: it logged `address` UP after the mark
  /// (ccm's watch_log_for_alive), or its log's last word on `address` is UP.
  ///
  /// Why the second rule: a restart faster than the observer's failure detector never shows as
  /// DOWN, so no new UP line comes, yet the observer does see the node up.
  static func noticedUp(_ address: String, node: String) throws(CCMError) -> LogMatch {
    let (up, change) = (ReadyLines.noticed(address), ReadyLines.stateChange(address))
    _ = try compile(up)
    _ = try compile(change)
    return LogMatch(awaited: "'\(address) is now UP' (\(node) noticed)", linePattern: nil) {
      recent, log in
      guard let upRegex = try? Regex(up), let changeRegex = try? Regex(change) else { return nil }
      if let line = recent.first(where: { $0.contains(upRegex) }) { return [String(line)] }
      let last = log.text().split(separator: "\n").last { $0.contains(changeRegex) }
      if let last, last.contains("now UP") { return [String(last)] }
      return nil
    }
  }

  static func compile(_ pattern: String) throws(CCMError) -> Regex<AnyRegexOutput> {
    do { return try Regex(pattern) } catch {
      throw .invalidArgument("invalid regular expression '\(pattern)': \(error)")
    }
  }
}
