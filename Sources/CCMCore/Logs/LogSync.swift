import Foundation

/// Brings a node's `logs/system.log` up to date with its container's output, on demand.
///
/// Why on demand: nothing may outlive ccmsh, so there is no background follower. Every command
/// that reads logs (a wait, showlog, watchlog...) calls `sync` first; it fetches the container's
/// stdout (one `logs` call) and appends what was not copied yet. The official image logs to
/// stdout (supervisord redirects scylla there), not to /var/log/scylla, so the engine's log is the
/// one source that works for every image.
///
/// A small state file beside system.log records how many bytes were copied and the first bytes of
/// the stream: a re-created container (different head) starts a new segment instead of being
/// skipped. Runs of a reused container accumulate in the engine's log, so they need nothing
/// special. A file lock keeps two ccmsh processes from copying the same bytes twice.
public struct LogSync: Sendable {
  public let client: any ContainerClient
  public let container: String
  public let file: NodeLogFile

  public init(client: any ContainerClient, container: String, file: NodeLogFile) {
    self.client = client
    self.container = container
    self.file = file
  }

  private struct Progress: Codable {
    var copied: Int
    var head: String
  }

  private static let headLength = 256

  var statePath: String {
    (file.path as NSString).deletingLastPathComponent + "/.system.log.sync"
  }

  /// Appends the container's new output to system.log.
  ///
  /// A missing container is not an error (nothing to copy). Returns the number of bytes appended.
  @discardableResult
  public func sync() async throws -> Int {
    let output: String
    do {
      output = try await client.logs(container, options: LogOptions()).standardOutput
    } catch ContainerError.containerNotFound {
      return 0
    }
    return try withStateLock { () throws(CCMError) -> Int in
      let bytes = Array(output.utf8)
      let head = String(decoding: bytes.prefix(Self.headLength), as: UTF8.self)
      let previous = readProgress()
      var start = 0
      if let previous, previous.copied <= bytes.count, head.hasPrefix(previous.head) {
        start = previous.copied
      }
      let fresh = String(decoding: bytes[start...], as: UTF8.self)
      try file.append(fresh)
      try writeProgress(Progress(copied: bytes.count, head: head))
      return bytes.count - start
    }
  }

  /// The container's last output lines, stderr included (where an entrypoint's own errors go),
  /// for error messages; empty when the engine cannot tell.
  public func lastOutputLines(_ count: Int = 10) async -> [String] {
    guard let logs = try? await client.logs(container, options: LogOptions(tail: count)) else {
      return file.lastLines(count)
    }
    let lines = (logs.standardOutput + "\n" + logs.standardError)
      .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    return Array(lines.suffix(count))
  }

  /// Forgets what was copied (after `clear -a` emptied the logs).
  public func reset() {
    try? FileManager.default.removeItem(atPath: statePath)
  }

  private func readProgress() -> Progress? {
    guard let data = FileManager.default.contents(atPath: statePath) else { return nil }
    return try? JSONDecoder().decode(Progress.self, from: data)
  }

  private func writeProgress(_ progress: Progress) throws(CCMError) {
    guard let data = try? JSONEncoder().encode(progress) else { return }
    try AtomicFile.write(String(decoding: data, as: UTF8.self), to: statePath)
  }

  private func withStateLock<T>(_ body: () throws(CCMError) -> T) throws(CCMError) -> T {
    let lockPath = statePath + ".lock"
    try AtomicFile.makeDirectory((lockPath as NSString).deletingLastPathComponent)
    let descriptor = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw .fileSystem(path: lockPath, problem: "cannot open: \(AtomicFile.errnoText())")
    }
    defer { close(descriptor) }
    _ = flock(descriptor, LOCK_EX)
    defer { _ = flock(descriptor, LOCK_UN) }
    return try body()
  }
}
