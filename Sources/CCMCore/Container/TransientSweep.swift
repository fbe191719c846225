import Foundation

/// Short-lived helper containers (the `/etc/scylla` copy, the ownership helpers) carry
/// `org.ccmsh.transient=<purpose>` and the identity of the ccmsh process that made them; the
/// next ccmsh on the same engine removes those whose process is gone (a `kill -9` mid-create
/// leaves one otherwise), like Testcontainers' reaper but without a daemon.
///
/// The owner is `host/boot-id/pid/start-time`: a pid alone is reused, and a helper made from
/// another host (a shared remote engine) is never judged from this one.
enum TransientSweep {
  static let transientLabel = "org.ccmsh.transient"
  static let ownerLabel = "org.ccmsh.owner"

  /// The labels of a helper made by this process for `purpose`.
  static func labels(purpose: String) -> [String: String] {
    [transientLabel: purpose, ownerLabel: ProcessIdentity.current.label]
  }

  /// Removes (with their volumes) the transient containers whose owner process is gone.
  ///
  /// Best effort: a failure here never fails the command that triggered it.
  static func sweep(_ client: any ContainerClient) async {
    guard let helpers = try? await client.list(labels: [transientLabel: ""]) else { return }
    let stale = helpers.filter { helper in
      guard let owner = helper.labels[ownerLabel].flatMap(ProcessIdentity.init(label:)) else {
        return false  // made by an older ccmsh: no way to tell whether it is still in use
      }
      return !owner.isAlive
    }
    await withTaskGroup(of: Void.self) { group in
      for helper in stale {
        group.addTask { try? await client.remove(helper.name, mode: .force, volumes: .remove) }
      }
    }
  }
}

/// Which process on which boot of which host: enough to tell whether it still runs.
struct ProcessIdentity: Sendable, Hashable {
  var host: String
  var bootID: String
  var pid: Int32
  /// Field 22 of /proc/PID/stat (clock ticks since boot): differs for a reused pid.
  var startTime: String

  static let current = ProcessIdentity(
    host: ProcessInfo.processInfo.hostName, bootID: bootID(),
    pid: getpid(), startTime: startTime(of: getpid()) ?? "")

  var label: String { "\(host)/\(bootID)/\(pid)/\(startTime)" }

  init(host: String, bootID: String, pid: Int32, startTime: String) {
    (self.host, self.bootID, self.pid, self.startTime) = (host, bootID, pid, startTime)
  }

  init?(label: String) {
    let parts = label.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 4, let pid = Int32(parts[2]) else { return nil }
    self.init(host: parts[0], bootID: parts[1], pid: pid, startTime: parts[3])
  }

  /// Alive unless this host can tell it is gone (another host's process counts as alive).
  var isAlive: Bool {
    let me = Self.current
    // Another host's process, or no /proc here to judge by: assume it still runs.
    guard host == me.host, !me.startTime.isEmpty, !startTime.isEmpty else { return true }
    guard bootID == me.bootID else { return false }
    return Self.startTime(of: pid) == startTime
  }

  static func bootID() -> String {
    let text = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))
    return text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
  }

  static func startTime(of pid: Int32) -> String? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return nil }
    // Fields after the command name (which may hold spaces): state is field 3, start time 22.
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    return fields.count > 19 ? String(fields[19]) : nil
  }
}
