import Foundation

/// A lock the thread holding it may take again.
///
/// Output sinks nest (a script's sink writes
/// into the sink of the script that ran it), and each may guard its write with the same
/// lock; a plain `Mutex` traps on the second acquisition.
final class ReentrantLock: Sendable {
  private let lock = NSRecursiveLock()

  func withLock<T>(_ body: () throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }
}
