import CCMLang

/// Position markers in test input, swift-format style: `let 1️⃣= 3` marks the offset where a
/// diagnostic must start.
///
/// Returns the text without markers and each marker's byte offset.
func extractMarkers(_ marked: String) -> (text: String, offsets: [String: Int]) {
  let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣"]
  var text = ""
  var offsets: [String: Int] = [:]
  var rest = Substring(marked)
  while !rest.isEmpty {
    if let marker = markers.first(where: { rest.hasPrefix($0) }) {
      offsets[marker] = text.utf8.count
      rest = rest.dropFirst(marker.count)
    } else {
      text.append(rest.removeFirst())
    }
  }
  return (text, offsets)
}

/// Parses and checks marked text; returns (marker offset, message) pairs to compare with
/// the diagnostics' (start, message).
func diagnose(_ marked: String) -> (
  expected: [String: Int], found: [(offset: Int, message: String)], incomplete: Bool
) {
  let (text, offsets) = extractMarkers(marked)
  let preparation = Script.prepare(
    SourceFile(name: "t.ccm", text: text), loader: InMemoryLoader([:]))
  return (
    offsets, preparation.diagnostics.map { ($0.range.start, $0.message) }, preparation.isIncomplete
  )
}
