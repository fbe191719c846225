import Synchronization

/// Whether someone else owns the terminal now.
///
/// An attached session (`NODE cqlsh`, `NODE exec` on a terminal), a pager or a question at the
/// prompt. While it is held no progress line is drawn or cleared (`ProgressLine`), so the ticker
/// never lands on what the person types or reads.
enum TerminalOwnership {
  private static let holders = Mutex(0)

  static var isHeld: Bool { holders.withLock { $0 > 0 } }

  /// Runs `body` with the terminal held; a live progress line is removed first.
  static func hold<T>(_ body: () async throws -> T) async rethrows -> T {
    ProcessFeedback.progress?.clear()
    holders.withLock { $0 += 1 }
    defer { holders.withLock { $0 -= 1 } }
    return try await body()
  }
}
