import Foundation

/// Writes files so a reader never sees half a file: write a temp file in the same directory,
/// then rename it over the target.
///
/// No fsync: the guarantee is against concurrent readers and interrupted commands, not power
/// loss (scylla-ccm offers neither); it keeps `create` fast (one rename per file).
enum AtomicFile {
  /// Atomically replaces `path` with `contents`.
  static func write(_ contents: String, to path: String) throws(CCMError) {
    let directory = (path as NSString).deletingLastPathComponent
    let unique = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let temporary = directory + "/.\((path as NSString).lastPathComponent).tmp-\(unique)"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw .fileSystem(path: path, problem: "cannot write \(temporary): \(errnoText())")
    }
    var bytes = Array(contents.utf8)
    let complete = bytes.withUnsafeMutableBytes { buffer in writeAll(descriptor, buffer) }
    let problem = complete ? nil : errnoText()
    close(descriptor)
    if let problem {
      unlink(temporary)
      throw .fileSystem(path: path, problem: "cannot write \(temporary): \(problem)")
    }
    guard rename(temporary, path) == 0 else {
      let problem = errnoText()
      unlink(temporary)
      throw .fileSystem(path: path, problem: "cannot rename into place: \(problem)")
    }
  }

  /// Creates `path` and its parents if missing.
  static func makeDirectory(_ path: String) throws(CCMError) {
    if mkdir(path, 0o755) == 0 || (errno == EEXIST && isDirectory(path)) { return }
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw .fileSystem(
        path: path, problem: "cannot create directory: \(error.localizedDescription)")
    }
  }

  /// The text of the current `errno`.
  static func errnoText() -> String { String(cString: strerror(errno)) }

  private static func isDirectory(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
  }

  private static func writeAll(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Bool
  {
    var offset = 0
    while offset < buffer.count {
      let written = Foundation.write(
        descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += written
    }
    return true
  }
}
