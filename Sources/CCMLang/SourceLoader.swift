import Foundation

/// Reads the text of included files.
public protocol SourceLoader: Sendable {
  /// The text at `path` (already resolved against the including file).
  func load(_ path: String) throws -> String
}

/// Reads files from disk.
public struct FileSystemLoader: SourceLoader {
  public init() {}
  public func load(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }
}

/// Serves files from memory (tests, the REPL's `include` of generated text).
public struct InMemoryLoader: SourceLoader {
  public let files: [String: String]
  public init(_ files: [String: String]) { self.files = files }
  public func load(_ path: String) throws -> String {
    guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
    return text
  }
}
