import Foundation

/// `status` without an exec, for a local engine.
///
/// On a local engine the container's processes are this kernel's, so a
/// ScyllaDB process (`comm` `scylla`) under the container's init that has lived longer than
/// supervisord's `startsecs` (1 s) is RUNNING in supervisord's own terms, with no engine call.
/// Anything else (no such process, a young one, no /proc to read) is left to
/// `supervisorctl status scylla`, which alone can tell EXITED from BACKOFF.
enum LocalServerProbe {
  static let startSeconds = 1.0

  /// `.running` when the rule above holds for the container whose init is `pid`; nil otherwise.
  static func state(initPID pid: Int, procRoot: String = "/proc") -> ServerState? {
    // pid 1 is the host's own init, never a container's (fakes report it).
    guard pid > 1, let uptime = uptime(procRoot) else { return nil }
    let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
    guard ticks > 0 else { return nil }
    var pending = [pid]
    var visited = 0
    while let current = pending.popLast(), visited < 256 {
      visited += 1
      for child in children(of: current, procRoot) {
        if let (comm, start) = stat(of: child, procRoot), comm == "scylla",
          uptime - start / ticks >= startSeconds
        {
          return .running
        }
        pending.append(child)
      }
    }
    return nil
  }

  private static func uptime(_ procRoot: String) -> Double? {
    (try? String(contentsOfFile: procRoot + "/uptime", encoding: .utf8))?
      .split(separator: " ").first.flatMap { Double($0) }
  }

  private static func children(of pid: Int, _ procRoot: String) -> [Int] {
    let tasks = procRoot + "/\(pid)/task"
    let threads = (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? []
    return threads.flatMap { thread in
      ((try? String(contentsOfFile: tasks + "/" + thread + "/children", encoding: .utf8)) ?? "")
        .split(separator: " ").compactMap {
          Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
  }

  /// `comm` and start time (clock ticks after boot) from /proc/PID/stat.
  private static func stat(of pid: Int, _ procRoot: String) -> (String, Double)? {
    guard let text = try? String(contentsOfFile: procRoot + "/\(pid)/stat", encoding: .utf8),
      let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")")
    else { return nil }
    let comm = String(text[text.index(after: open)..<close])
    let fields = text[text.index(after: close)...].split(separator: " ")
    guard fields.count > 19, let start = Double(fields[19]) else { return nil }
    // A dead server its supervisor has not reaped yet (a busy machine) is not running.
    if fields[0] == "Z" || fields[0] == "X" { return nil }
    return (comm, start)
  }
}
