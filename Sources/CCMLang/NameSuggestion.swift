/// "Did you mean" for a missing field: a short map (a command result) lists all its fields; a
/// long one (`env`, dozens of variables) names only the few closest, so the note stays a line.
extension Value {
  static let fieldsListedInFull = 12
  static let suggestionCount = 3

  static func fieldHint(_ name: String, among keys: [String]) -> String {
    if keys.count <= fieldsListedInFull { return "its fields are: \(keys.joined(separator: ", "))" }
    let close = NameSuggestion.closest(to: name, among: keys, limit: suggestionCount)
    if close.isEmpty { return "none of its \(keys.count) fields is close to '\(name)'" }
    return "did you mean \(close.joined(separator: ", "))? (\(keys.count) fields)"
  }
}

/// Names ranked by edit distance, case-insensitively.
public enum NameSuggestion {
  /// At most `limit` names, nearest first, within a distance of about a third of the name
  /// (one edit for a name of up to four letters: `NOPE` is not a typo of `HOME`).
  public static func closest(to name: String, among candidates: [String], limit: Int) -> [String] {
    let target = Array(name.lowercased())
    let allowed = max(1, (target.count + 1) / 3)
    return candidates.map { ($0, distance(target, Array($0.lowercased()))) }
      .filter { $0.1 <= allowed }
      .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
      .prefix(limit).map(\.0)
  }

  /// Levenshtein distance, one row at a time.
  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1]
      for (j, y) in b.enumerated() {
        current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
}
