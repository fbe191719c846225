import Foundation

/// A position in a node's `system.log`: a byte offset, as scylla-ccm's `mark_log()` returns.
///
/// Lines written after the mark are what `watch` looks at.
public struct LogMark: Sendable, Hashable, Comparable, Codable {
  public var offset: UInt64

  public init(offset: UInt64) { self.offset = offset }

  /// The start of the file.
  public static let start = LogMark(offset: 0)

  public static func < (lhs: LogMark, rhs: LogMark) -> Bool { lhs.offset < rhs.offset }
}

/// `<node>/logs/system.log` on the host: the node's log, kept current by `LogSync`.
public struct NodeLogFile: Sendable, Hashable {
  static let fileName = "system.log"
  public let path: String

  init(nodeDirectory: String) {
    path = nodeDirectory + "/" + ContainerVolumes.logs.hostSubdirectory + "/" + Self.fileName
  }

  /// The end of the file now (0 when it does not exist yet).
  func mark() -> LogMark {
    var info = stat()
    guard stat(path, &info) == 0 else { return .start }
    return LogMark(offset: UInt64(info.st_size))
  }

  /// What was written from `mark` on (everything when the file was truncated since).
  func text(from mark: LogMark = .start) -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
    defer { try? handle.close() }
    let end = (try? handle.seekToEnd()) ?? 0
    let start = mark.offset <= end ? mark.offset : 0
    guard (try? handle.seek(toOffset: start)) != nil,
      let data = try? handle.readToEnd()
    else { return "" }
    return String(decoding: data, as: UTF8.self)
  }

  /// The last `count` non-empty lines, for error messages.
  func lastLines(_ count: Int = 10) -> [String] {
    text().split(separator: "\n", omittingEmptySubsequences: true).suffix(count).map(String.init)
  }

  /// Appends `text` (creating the file and its directory when missing).
  func append(_ text: String) throws(CCMError) {
    guard !text.isEmpty else { return }
    let directory = (path as NSString).deletingLastPathComponent
    try AtomicFile.makeDirectory(directory)
    if !FileManager.default.fileExists(atPath: path) {
      guard FileManager.default.createFile(atPath: path, contents: nil) else {
        throw .fileSystem(path: path, problem: "cannot create")
      }
    }
    do {
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      try handle.seekToEnd()
      try handle.write(contentsOf: Data(text.utf8))
    } catch {
      throw .fileSystem(path: path, problem: "cannot append: \(error.localizedDescription)")
    }
  }
}
