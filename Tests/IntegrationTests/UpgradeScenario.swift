import Foundation
import Testing

@testable import CCMCore

/// Versions as images, through the built binary on a real engine: a mixed-version cluster
/// (`create --node-image`), a rolling upgrade across the root → `scylla` line and its rollback
/// with the rows kept, and upgrades that fail (an image that does not exist, a server that dies
/// on the new image) leaving the node on its old image, running and startable.
enum UpgradeScenario {
  static let old = "localhost/ccmsh-test-node:2025.1"
  static let new = "localhost/ccmsh-test-node:2025.4"

  static func run(on kind: RuntimeKind) async throws {
    guard let binary = CCMLinkScenario.binary else {
      Issue.record("ccmsh is not built; run `swift build --product ccmsh`")
      return
    }
    let sandbox = ClusterSandbox(kind, client: try await Engines.client(kind))
    let crashing: String = try DerivedTestImage.build(
      kind, from: new, tag: "2026.1-crash-\(sandbox.suffix)",
      environment: ["SCYLLA_TEST_CRASH_AT_START": "1"])
    defer { DerivedTestImage.remove(kind, crashing) }
    try await sandbox.run { sandbox in
      let ccmsh = CCMProcess(path: binary, environment: Self.environment(sandbox))
      let name = sandbox.name("upg")
      defer { _ = try? ccmsh.run(["remove", name]) }
      let created = try ccmsh.run([
        "create", name, "-n", "3", "--docker-image", old, "--node-image", "node3=\(new)",
      ])
      #expect(created.status == 0, "\(created.stderr)")
      let started = try ccmsh.run(["start", "--wait-other-notice"])
      #expect(started.status == 0, "\(started.stderr)")
      #expect(try Self.shown(ccmsh, "node1") == [old, "2025.1"])
      #expect(try Self.shown(ccmsh, "node3") == [new, "2025.4"])
      #expect(try Self.nodetoolVersion(ccmsh, "node3").hasPrefix("2025.4."))
      // The test cqlsh keeps rows on the node that took them: write on node2, read there.
      let write = try ccmsh.run([
        "node2", "cqlsh", "-x",
        "CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', "
          + "'replication_factor': 1}; CREATE TABLE ks.t (k int PRIMARY KEY, v text); "
          + "INSERT INTO ks.t (k, v) VALUES (1, 'one')",
      ])
      #expect(write.status == 0, "\(write.stderr)")

      // Rolling, root → scylla: node3 is already there and stays as it is.
      let rolled = try ccmsh.run(["upgrade", "--docker-image", new, "--rolling"])
      #expect(rolled.status == 0, "\(rolled.stderr)")
      #expect(
        rolled.stdout.contains("node1: \(old) (2025.1) -> \(new) (2025.4)"), "\(rolled.stdout)")
      #expect(!rolled.stdout.contains("node3:"), "\(rolled.stdout)")
      for node in ["node1", "node2", "node3"] {
        #expect(try Self.shown(ccmsh, node) == [new, "2025.4"])
      }
      #expect(try Self.nodetoolVersion(ccmsh, "node2").hasPrefix("2025.4."))
      #expect(try Self.releaseVersion(ccmsh, "node2").hasPrefix("2025.4."))
      #expect(try Self.rows(ccmsh, "node2") == "1 | one")
      let cluster = try sandbox.operations.store.load(name)
      #expect(cluster.conf.dockerImage == new, "the whole cluster on it: the cluster's image")
      #expect(cluster.nodes.allSatisfy { $0.dockerImage == nil })
      let data = sandbox.root + "/\(name)/node2/data"
      if getuid() == 0 { #expect(try Self.owner(data) == 975) }

      // Rollback of one node: back to root, the rows still there.
      let back = try ccmsh.run(["node2", "upgrade", "--docker-image", old, "--wait-other-notice"])
      #expect(back.status == 0, "\(back.stderr)")
      #expect(try Self.shown(ccmsh, "node2") == [old, "2025.1"])
      #expect(try Self.releaseVersion(ccmsh, "node2").hasPrefix("2025.1."))
      #expect(try Self.rows(ccmsh, "node2") == "1 | one")
      if getuid() == 0 { #expect(try Self.owner(data) == 0) }

      // Failures: nothing changes for a missing image; a dying server puts the node back.
      let missing = try ccmsh.run(["node2", "upgrade", "--docker-image", "\(new)-none"])
      #expect(missing.status == 1)
      #expect(missing.stderr.contains("is not in \(kind.rawValue)"), "\(missing.stderr)")
      #expect(try Self.shown(ccmsh, "node2") == [old, "2025.1"])
      #expect(try ccmsh.run(["status"]).stdout.contains("node2: UP"))
      let dies = try ccmsh.run([
        "node2", "upgrade", "--docker-image", crashing, "--timeout", "60",
      ])
      #expect(dies.status == 1)
      #expect(
        dies.stderr.contains(
          "node2: upgrade failed: to \(crashing); node2 is on \(old) again"
            + " and started"), "\(dies.stderr)")
      #expect(dies.stderr.contains("SCYLLA_TEST_CRASH_AT_START"), "the cause is said")
      #expect(try Self.shown(ccmsh, "node2") == [old, "2025.1"])
      #expect(try Self.rows(ccmsh, "node2") == "1 | one")
      #expect(try ccmsh.run(["node2", "stop"]).status == 0)
      let again = try ccmsh.run(["node2", "start", "--wait-for-binary-proto"])
      #expect(again.status == 0, "startable on its old image: \(again.stderr)")
      #expect(try ccmsh.run(["remove", name]).status == 0)
    }
  }

  static func environment(_ sandbox: ClusterSandbox) -> [String: String] {
    [
      "CCM_CONFIG_DIR": sandbox.root, "CCM_CONTAINER_RUNTIME": sandbox.kind.rawValue,
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin",
      "HOME": sandbox.root,
    ]
  }

  /// `$(NODE show).image` and `.version`.
  static func shown(_ ccmsh: CCMProcess, _ node: String) throws -> [String] {
    let out = try ccmsh.run([node, "show", "--json"])
    let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
    return [object?["image"] as? String ?? "none", object?["version"] as? String ?? "none"]
  }

  static func nodetoolVersion(_ ccmsh: CCMProcess, _ node: String) throws -> String {
    let out = try ccmsh.run([node, "nodetool", "version"]).stdout
    return out.replacingOccurrences(of: "ReleaseVersion:", with: "")
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static func releaseVersion(_ ccmsh: CCMProcess, _ node: String) throws -> String {
    let out = try ccmsh.run([node, "cqlsh", "-x", "SELECT release_version FROM system.local"])
    return out.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .first { $0.first?.isNumber == true } ?? "none: \(out.stdout) \(out.stderr)"
  }

  /// The one row of ks.t as cqlsh prints it.
  static func rows(_ ccmsh: CCMProcess, _ node: String) throws -> String {
    let out = try ccmsh.run([node, "cqlsh", "-x", "SELECT * FROM ks.t"])
    return out.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .first { $0.hasPrefix("1 ") } ?? "none: \(out.stdout) \(out.stderr)"
  }

  static func owner(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.ownerAccountID] as? Int) ?? -1
  }
}

/// A tag derived from a test node flavour with one behaviour planted through the image's own
/// environment (the test image's fault knobs), made offline with the engine's `create` and
/// `commit`: what the upgrade and bisect tests need and CI builds itself.
enum DerivedTestImage {
  /// `base` with `tag` in its repository and `environment` added.
  static func build(
    _ kind: RuntimeKind, from base: String, tag: String, environment: [String: String]
  ) throws -> String {
    let repository = base.split(separator: ":").dropLast().joined(separator: ":")
    return try build(kind, from: base, as: repository + ":" + tag, environment: environment)
  }

  /// `base` as `image` (any reference) with `environment` added to the image's own.
  @discardableResult
  static func build(
    _ kind: RuntimeKind, from base: String, as image: String, environment: [String: String]
  ) throws -> String {
    let container = "ccmsh-derive-\(UUID().uuidString.prefix(8).lowercased())"
    try engine(kind, ["create", "--name", container, base])
    // `--volumes`: the image declares VOLUME /var/lib/scylla, so `create` made an anonymous one.
    defer { _ = try? engine(kind, ["rm", "-f", "--volumes", container]) }
    var arguments = ["commit"]
    for (key, value) in environment.sorted(by: { $0.key < $1.key }) {
      arguments += ["--change", "ENV \(key)=\(value)"]
    }
    try engine(kind, arguments + [container, image])
    return image
  }

  static func remove(_ kind: RuntimeKind, _ image: String) {
    _ = try? engine(kind, ["rmi", "-f", image])
  }

  @discardableResult
  static func engine(_ kind: RuntimeKind, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [kind.rawValue] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let killer = DispatchWorkItem { process.terminate() }
    DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: killer)
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    killer.cancel()
    guard process.terminationStatus == 0 else {
      throw CCMError.container("\(kind.rawValue) \(arguments.joined(separator: " ")) failed")
    }
    return String(decoding: data, as: UTF8.self)
  }
}

@Suite(
  "upgrade across versions on docker", .tags(.container, .docker),
  .enabled("docker answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.docker)
  })
struct DockerUpgradeTests {
  @Test func mixedRollingRollbackAndFailures() async throws {
    try await EngineSlots.run { try await UpgradeScenario.run(on: .docker) }
  }
}

@Suite(
  "upgrade across versions on podman", .tags(.container, .podman),
  .enabled("podman answers (or is required) and is selected") {
    await ClusterSuiteGate.shouldRun(.podman)
  })
struct PodmanUpgradeTests {
  @Test func mixedRollingRollbackAndFailures() async throws {
    try await EngineSlots.run { try await UpgradeScenario.run(on: .podman) }
  }
}
