import CCMTestSupport
import Foundation
import Synchronization

@testable import CCMCore

/// A podman that answers the calls container-cluster operations make, from a few knobs, for
/// unit tests over `FakeProcessRunner` (no process is started).
final class SimulatedEngine: Sendable {
  struct Knobs: Sendable {
    var imagePresent = true
    /// Labels of an existing `ccm-*` network; nil: no such network.
    var existingNetworkLabels: [String: String]?
    /// How many `network create` calls fail with an overlapping subnet first.
    var overlappingSubnets = 0
    /// `podman inspect` answer for containers (a JSON array).
    var containers = "[]"
    /// `podman logs` stdout.
    var logs = ""
  }

  let knobs: Mutex<Knobs>

  init(_ knobs: Knobs = Knobs()) { self.knobs = Mutex(knobs) }

  func update(_ change: (inout Knobs) -> Void) { knobs.withLock { change(&$0) } }

  /// A runner wired to this engine, and the podman client over it.
  ///
  /// `logs --follow` streams the `logs` knob as it is when the runner is made, then ends; a
  /// plain `logs` read as a stream gives the knob as it is at the call.
  func makeRunner() -> FakeProcessRunner {
    let streamed = knobs.withLock { $0.logs }.split(separator: "\n").map(String.init)
    return FakeProcessRunner(
      installed: ["podman"], streamed: streamed,
      responder: { [self] command in try self.answer(command.arguments) },
      streamer: { [self] command in
        guard command.arguments.first == "logs", !command.arguments.contains("--follow") else {
          return nil
        }
        return knobs.withLock { $0.logs }.split(separator: "\n").map(String.init)
      })
  }

  static let imageJSON = #"[{"Id":"sha256:0123456789abcdef","RepoTags":["localhost/img:1"]}]"#

  private func answer(_ args: [String]) throws -> ProcessOutput {
    let knobs = knobs.withLock { $0 }
    switch (args.first ?? "", args.dropFirst().first ?? "") {
    case ("image", "inspect"):
      guard knobs.imagePresent else { return .fail(125, "Error: localhost/img:1: image not known") }
      return .ok(args.contains("--format") ? "sha256:0123456789abcdef\n" : Self.imageJSON)
    case ("cp", _):
      let destination = args.last ?? ""
      try FileManager.default.createDirectory(
        atPath: destination, withIntermediateDirectories: true)
      try BaseScyllaYAML.builtInDefault.write(
        toFile: destination + "/scylla.yaml", atomically: true, encoding: .utf8)
      try "housekeeping: off\n".write(
        toFile: destination + "/housekeeping.cfg", atomically: true, encoding: .utf8)
      return .ok()
    case ("network", "inspect"):
      guard let labels = knobs.existingNetworkLabels else {
        return .fail(125, "Error: unable to find network with name or ID x: network not found")
      }
      if args.contains("--format") { return .ok("ccm-x\n") }
      let json = try JSONSerialization.data(withJSONObject: labels)
      return .ok(
        #"[{"name":"ccm-x","id":"n1","subnets":[{"subnet":"10.201.7.0/24"}],"labels":"#
          + String(decoding: json, as: UTF8.self) + "}]")
    case ("network", "create"):
      if knobs.overlappingSubnets > 0 {
        update { $0.overlappingSubnets -= 1 }
        return .fail(
          125, "Error: subnet 10.1.2.0/24 is already used on the host or by another config")
      }
      return .ok("ccm-x\n")
    case ("pull", _):
      update { $0.imagePresent = true }
      return .ok()
    case ("inspect", _): return .ok(knobs.containers)
    case ("logs", _): return .ok(knobs.logs)
    case ("ps", _): return .ok("[]")
    default:
      try EngineVocabulary.check(args)
      return .ok("c0ffee\n")
    }
  }
}

/// A fresh config dir for one test, removed by the caller.
func temporaryConfigDirectory() throws -> String {
  let path = NSTemporaryDirectory() + "ccmsh-cluster-unit-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

extension ClusterSpec {
  static func testContainer(_ name: String, nodes: Int) throws -> ClusterSpec {
    ClusterSpec(
      name: name, source: .container(image: "localhost/img:1", runtime: .podman, baseConfig: nil),
      nodeCount: try NodeCount(parsing: String(nodes)))
  }
}
