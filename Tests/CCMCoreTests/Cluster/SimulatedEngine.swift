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
    /// The image's `Config.User`.
    var imageUser = ""
    /// The image's tag (its generation, for `ImageGeneration`).
    var imageTag = "localhost/img:1"
    /// Files the image has besides /etc/scylla, by path (missing ones fail `cp` as engines do).
    var imageFiles: [String: String] = [
      "/etc/passwd": "root:x:0:0:root:/root:/bin/sh\nscylla:x:975:975::/var/lib/scylla:/bin/sh\n",
      "/etc/group": "root:x:0:\nscylla:x:975:\n",
      "/etc/supervisord.conf.d/scylla-server.conf":
        "[program:scylla]\ncommand=/usr/bin/scylla-server.sh\nstdout_logfile=/dev/stdout\n",
    ]
    /// `supervisorctl status scylla` inside every running container: its stdout and exit code;
    /// nil: the image has no supervisorctl.
    var supervisorStatus: (String, Int32)? = (
      "scylla                           RUNNING   pid 42, uptime 0:00:05\n", 0
    )
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

  static func imageJSON(_ knobs: Knobs) -> String {
    #"[{"Id":"sha256:0123456789abcdef","RepoTags":[""# + knobs.imageTag + #""],"Config":{"User":""#
      + knobs.imageUser + #""}}]"#
  }

  private func answer(_ args: [String]) throws -> ProcessOutput {
    let knobs = knobs.withLock { $0 }
    switch (args.first ?? "", args.dropFirst().first ?? "") {
    case ("image", "inspect"):
      guard knobs.imagePresent else { return .fail(125, "Error: localhost/img:1: image not known") }
      return .ok(args.contains("--format") ? "sha256:0123456789abcdef\n" : Self.imageJSON(knobs))
    case ("cp", _):
      let destination = args.last ?? ""
      let source = String(args[1].drop { $0 != ":" }.dropFirst())
      if source != "/etc/scylla" {
        guard let text = knobs.imageFiles[source] else {
          return .fail(125, "Error: \"\(source)\" could not be found on container: no such file")
        }
        try text.write(toFile: destination, atomically: true, encoding: .utf8)
        return .ok()
      }
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
    case ("exec", _) where args.suffix(3) == ["supervisorctl", "status", "scylla"]:
      guard let (output, code) = knobs.supervisorStatus else {
        return .fail(127, "Error: crun: executable file `supervisorctl` not found: OCI runtime")
      }
      return ProcessOutput(status: .exited(code), standardOutput: output, standardError: "")
    case ("exec", _) where args.last?.contains("supervisorctl pid scylla") == true:
      // `kill`'s signal to the server: it is gone (respawn is off).
      update { $0.supervisorStatus = ("scylla   EXITED    Dec 02 06:00 PM\n", 3) }
      return .ok()
    case ("exec", _) where args.suffix(3) == ["supervisorctl", "start", "scylla"]:
      update { $0.supervisorStatus = ("scylla   RUNNING   pid 43, uptime 0:00:01\n", 0) }
      return .ok("scylla: started\n")
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

/// A container cluster created against a `SimulatedEngine`, with its life-cycle operations.
struct SimulatedCluster {
  let root: String
  let engine: SimulatedEngine
  let runner: FakeProcessRunner
  let lifecycle: ContainerLifecycle
  let cluster: Cluster

  static func make(
    nodes: Int = 1, knobs: SimulatedEngine.Knobs = .init(),
    addressing: Addressing = .standard(id: 0)
  ) async throws -> SimulatedCluster {
    let root = try temporaryConfigDirectory()
    let engine = SimulatedEngine(knobs)
    let runner = engine.makeRunner()
    let operations = ClusterOperations(store: ClusterStore(root: root))
    let cluster = try await ContainerClusterSetup(
      operations: operations, environment: [:], runner: runner
    ).create(
      ClusterSpec(
        name: "c1", source: .container(image: "localhost/img:1", runtime: .podman, baseConfig: nil),
        nodeCount: try NodeCount(parsing: String(nodes)), addressing: addressing),
      settings: .init(), pull: .requirePresent)
    let runtime = try await ClusterRuntime.resolve(
      operations, cluster: "c1", environment: [:], runner: runner)
    // The fixture's life-cycle serves many commands, so every operation reads the files.
    runtime.resolved.discard()
    return SimulatedCluster(
      root: root, engine: engine, runner: runner, lifecycle: ContainerLifecycle(runtime: runtime),
      cluster: cluster)
  }
}
