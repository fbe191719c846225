import Foundation

/// Reading, checking, following and collecting a node's host log (`<node>/logs/system.log`),
/// always after bringing it up to date with the container (`ContainerNodeBackend.syncLog`).
public enum NodeLogs {
  /// How often `follow` looks for new lines.
  public static let followInterval: Duration = .milliseconds(250)

  /// The whole log, synced first.
  public static func text(_ node: ContainerNodeBackend, from mark: LogMark = .start) async throws
    -> String
  {
    try await node.syncLog()
    return node.logFile.text(from: mark)
  }

  /// Lines after `mark` that report an error: ScyllaDB's `ERROR` level and failed assertions
  /// (scylla-ccm's `grep_log_for_errors`).
  public static func errorLines(_ node: ContainerNodeBackend, from mark: LogMark = .start)
    async throws -> [String]
  {
    errorLines(in: try await text(node, from: mark))
  }

  /// The error lines of a log text.
  static func errorLines(in text: String) -> [String] {
    text.split(separator: "\n").filter { line in
      line.hasPrefix("ERROR") || line.contains(" ERROR ") || line.contains("Assertion")
    }.map(String.init)
  }

  /// Calls `emit` with the log so far, then with each new chunk, until the task is cancelled.
  ///
  /// Polling the host file (with a short sync each time) rather than `logs --follow`: no child
  /// process is left running between looks, so a cancel or Ctrl-C leaves nothing behind.
  public static func follow(
    _ node: ContainerNodeBackend, from mark: LogMark = .start, interval: Duration = followInterval,
    emit: @Sendable (String) -> Void
  ) async throws {
    var position = mark
    while !Task.isCancelled {
      try await node.syncLog()
      // A log that shrank (cleared) is read again from its start.
      if node.logFile.mark() < position { position = .start }
      let text = node.logFile.text(from: position)
      if !text.isEmpty {
        emit(text)
        position.offset += UInt64(text.utf8.count)
      }
      do { try await Task.sleep(for: interval) } catch { return }
    }
  }

  /// Copies each node's `logs/` directory (synced first) to `destination/<node>/`; returns the
  /// directories written.
  public static func collect(_ nodes: [ContainerNodeBackend], into destination: String) async throws
    -> [String]
  {
    var written: [String] = []
    for node in nodes {
      try await node.syncLog()
      let source = (node.logFile.path as NSString).deletingLastPathComponent
      let target = destination + "/" + node.nodeName
      do {
        try FileManager.default.createDirectory(
          atPath: destination, withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: target) {
          try FileManager.default.removeItem(atPath: target)
        }
        if FileManager.default.fileExists(atPath: source) {
          try FileManager.default.copyItem(atPath: source, toPath: target)
          // The log sync's bookkeeping (`.system.log.sync`, its lock) is not a log.
          for name in try FileManager.default.contentsOfDirectory(atPath: target)
          where name.hasPrefix(".") {
            try FileManager.default.removeItem(atPath: target + "/" + name)
          }
        } else {
          try FileManager.default.createDirectory(
            atPath: target, withIntermediateDirectories: true)
        }
      } catch {
        throw CCMError.fileSystem(path: target, problem: error.localizedDescription)
      }
      written.append(target)
    }
    return written
  }
}
