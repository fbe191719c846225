import Foundation

/// Writes files so a reader (or a crash) never sees half a file: write a temp file in the same
/// directory, flush it, then rename it over the target.
public enum AtomicFile {
  /// Atomically replaces `path` with `contents`.
  public static func write(_ contents: String, to path: String) throws(CCMError) {
    let directory = (path as NSString).deletingLastPathComponent
    let temporary = directory + "/.\((path as NSString).lastPathComponent).tmp-\(getpid())"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(contents.utf8)) else {
      throw .fileSystem(path: path, problem: "cannot write \(temporary): \(errnoText())")
    }
    guard rename(temporary, path) == 0 else {
      let problem = errnoText()
      unlink(temporary)
      throw .fileSystem(path: path, problem: "cannot rename into place: \(problem)")
    }
  }

  /// Creates `path` and its parents if missing.
  public static func makeDirectory(_ path: String) throws(CCMError) {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw .fileSystem(path: path, problem: "cannot create directory: \(error.localizedDescription)")
    }
  }

  /// The text of the current `errno`.
  static func errnoText() -> String { String(cString: strerror(errno)) }
}
