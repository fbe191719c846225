import Foundation
import Synchronization

/// The process groups of the children `SubprocessRunner` has running, so that ccmsh can end them
/// itself before it exits on a signal.
///
/// Why: every child runs in its own session (so a timeout can kill the child and all it spawned),
/// which also means Ctrl-C on the terminal and a signal sent to ccmsh never reach it. Cancelling
/// the command's task tears children down asynchronously, and `exit` does not wait for that; an
/// engine's `logs --follow` would live on until its container stops. `terminateAll` is the
/// synchronous last word.
public enum ChildProcesses {
  private static let groups = Mutex<Set<Int32>>([])

  static func register(_ pid: Int32) { _ = groups.withLock { $0.insert(pid) } }

  static func unregister(_ pid: Int32) { _ = groups.withLock { $0.remove(pid) } }

  /// Process group ids of the children still running.
  static var running: [Int32] { groups.withLock { Array($0) } }

  /// Ends every running child; returns the number of groups signalled.
  ///
  /// SIGTERM to each child's process group, then, after `grace`, SIGKILL to those still there.
  @discardableResult
  public static func terminateAll(grace: Duration = .milliseconds(500)) -> Int {
    terminate(running, grace: grace)
  }

  /// `terminateAll` for some groups only.
  @discardableResult
  static func terminate(_ targets: [Int32], grace: Duration = .milliseconds(500)) -> Int {
    guard !targets.isEmpty else { return 0 }
    for group in targets { _ = kill(-group, SIGTERM) }
    let deadline = ContinuousClock.now + grace
    while ContinuousClock.now < deadline, targets.contains(where: { kill(-$0, 0) == 0 }) {
      usleep(20_000)
    }
    for group in targets where kill(-group, 0) == 0 { _ = kill(-group, SIGKILL) }
    return targets.count
  }
}
