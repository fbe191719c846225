import Foundation
import Testing

@testable import CCMCore

extension Tag {
  /// Needs `scripts/multihost-harness`: root, vxlan, a dockerd binary (two engines in namespaces).
  @Tag static var multihost: Self
}

/// Drives `scripts/multihost-harness` for the multi-engine tests: the machine-wide test bed of
/// two dockerds in network namespaces joined by an underlay bridge.
enum MultiHostHarness {
  static let script = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scripts/multihost-harness").path

  /// The harness's own exit code for "this machine cannot run it".
  static let skipStatus: Int32 = 77

  /// nil when the harness can run here, else why not.
  ///
  /// `multihost-harness check` makes nothing. A machine that cannot run it is a skip, and a
  /// failure with CCMSH_REQUIRE_ENGINES=1 (`withHosts` records it); a machine that can and then
  /// fails is a failure.
  static func unavailability() async -> String? {
    guard FileManager.default.isExecutableFile(atPath: script) else { return "no \(script)" }
    guard let output = try? await harness(nil, ["check"], timeout: .seconds(30)) else {
      return "multihost-harness check did not run"
    }
    if output.status.isSuccess { return nil }
    return output.standardError.split(separator: "\n").last.map(String.init) ?? "\(output.status)"
  }

  static func shouldRun() async -> Bool {
    guard let reason = await unavailability() else { return true }
    if Engines.required { return true }  // to fail in `withHosts`, with the reason
    print("skipping the multi-host suite: \(reason)")
    return false
  }

  struct Host: Sendable {
    let url: String
    let underlayAddress: String
  }

  /// `up`, then `body` with the hosts, then `down` whatever happened; checks nothing is left.
  ///
  /// Each call is its own harness instance (`--name`), so concurrent test runs do not meet.
  static func withHosts(_ body: ([Host]) async throws -> Void) async throws {
    if let reason = await unavailability() {
      Issue.record("multihost-harness cannot run here and CCMSH_REQUIRE_ENGINES=1: \(reason)")
      return
    }
    let name =
      "it" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8).lowercased()
    let started = ContinuousClock.now
    let up = try await harness(name, ["up"], timeout: .seconds(180))
    print("multihost-harness up: \(ContinuousClock.now - started)")
    var failure: (any Error)?
    if up.status.isSuccess {
      do {
        let listed = try await harness(name, ["hosts"], timeout: .seconds(10))
        let hosts = listed.standardOutput.split(separator: "\n").map {
          let words = $0.split(separator: " ").map(String.init)
          return Host(url: words.first ?? "", underlayAddress: words.last ?? "")
        }
        #expect(hosts.count == 2, "hosts: \(listed.standardOutput)")
        try await body(hosts)
      } catch {
        failure = error
      }
    } else {
      Issue.record("multihost-harness up failed: \(up.standardError)")
    }
    let stopping = ContinuousClock.now
    let down = try await harness(name, ["down"], timeout: .seconds(180))
    print("multihost-harness down: \(ContinuousClock.now - stopping)")
    #expect(down.status.isSuccess, "down: \(down.standardError)")
    let prefix = "ccmsh-mh-\(name)"
    let namespaces = try await SubprocessRunner().run(
      ProcessCommand("ip", ["netns", "list"], timeout: .seconds(10)))
    #expect(!namespaces.standardOutput.contains(prefix), "namespaces left behind")
    for path in ["/run/\(prefix)", "/var/lib/\(prefix)", "/run/\(prefix).lock"] {
      #expect(!FileManager.default.fileExists(atPath: path), "\(path) left behind")
    }
    if let failure { throw failure }
  }

  static func harness(_ name: String?, _ arguments: [String], timeout: Duration) async throws
    -> ProcessOutput
  {
    // The image the other integration tests use is the one loaded into each engine.
    let instance = name.map { ["--name", $0] } ?? []
    return try await SubprocessRunner().run(
      ProcessCommand(
        "/usr/bin/env",
        ["CCMSH_TEST_NODE_IMAGE=\(Engines.testImage)", script] + instance + arguments,
        timeout: timeout))
  }
}
