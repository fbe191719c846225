import Foundation
import Yams

/// Reads and writes the YAML state files through Yams' node tree.
enum YAMLFile {
  /// Parses `path` as a YAML mapping; errors name the file and, when known, the line.
  static func readMapping(_ path: String) throws(CCMError) -> Node.Mapping {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .fileSystem(path: path, problem: "cannot read file")
    }
    return try parseMapping(String(decoding: data, as: UTF8.self), file: path)
  }

  /// Parses YAML text that must hold a mapping (an empty document is an empty mapping).
  ///
  /// Plain scalars are typed by `PlainScalarTag` (Yams' own rules, without its regexes), so
  /// reading a cluster costs no ICU start-up.
  static func parseMapping(_ text: String, file: String) throws(CCMError) -> Node.Mapping {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text, .basic).map(PlainScalarTag.tagged)
    } catch let error as YamlError {
      throw .malformedYAML(file: file, line: line(of: error), problem: problem(of: error))
    } catch {
      throw .malformedYAML(file: file, line: nil, problem: String(describing: error))
    }
    guard let root else { return Node.Mapping([]) }
    guard case .mapping(let mapping) = root else {
      throw .malformedYAML(file: file, line: root.mark?.line, problem: "expected a mapping")
    }
    return mapping
  }

  /// Renders a mapping the way PyYAML's block style does (indentless lists, `{}` when empty).
  static func render(_ mapping: Node.Mapping) throws(CCMError) -> String {
    do {
      return try Yams.serialize(node: .mapping(mapping))
    } catch {
      throw .invalidState(file: "<yaml>", problem: "cannot render YAML: \(error)")
    }
  }

  /// Atomically writes `mapping` to `path`.
  static func write(_ mapping: Node.Mapping, to path: String) throws(CCMError) {
    try AtomicFile.write(render(mapping), to: path)
  }

  private static func line(of error: YamlError) -> Int? {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return mark.line
    case .duplicatedKeysInMapping(_, let context):
      return context.mark.line
    default:
      return nil
    }
  }

  private static func problem(of error: YamlError) -> String {
    switch error {
    case .scanner(_, let problem, _, _), .parser(_, let problem, _, _),
      .composer(_, let problem, _, _):
      return problem
    case .duplicatedKeysInMapping(let duplicates, _):
      return "duplicate keys: \(duplicates.joined(separator: ", "))"
    default:
      return String(describing: error)
    }
  }
}
