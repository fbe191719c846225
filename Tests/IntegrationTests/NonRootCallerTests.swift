import Foundation
import Testing

@testable import CCMCore

/// ccmsh run by a user in the docker group (Docker) and on rootless Podman.
///
/// On both test node flavours (root 2025.1, `USER scylla` 2025.4): the whole life cycle works, the node directories
/// are the image user's and readable by the caller, nothing is world-writable, and `remove`
/// leaves no file, container, network or volume behind. Rootless Podman's container addresses
/// live in the user's own network namespace, so `--wait-for-binary-proto` must not rest on
/// reaching them from the host.
@Suite(
  "Non-root caller", .tags(.container), .serialized,
  .enabled(if: BuiltCCMSH.runs, "ccmsh is not built; run `swift build --product ccmsh`"))
struct NonRootCallerTests {

  @Test(arguments: [RuntimeKind.docker, .podman], Engines.testImages)
  func lifeCycle(_ kind: RuntimeKind, _ image: String) async throws {
    guard let binary = BuiltCCMSH.required(),
      let caller = await NonRootGate.caller(kind, image: image)
    else { return }
    try await EngineSlots.run {
      let made = try await caller.run(["mktemp", "-d", "\(caller.home)/ccmsh-it.XXXXXX"])
      let root = made.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
      try #require(made.status == .exited(0) && !root.isEmpty, "mktemp as \(caller.name)")
      let session = NonRootSession(caller: caller, binary: binary, root: root, kind: kind)
      do {
        try await session.exercise(image: image)
      } catch {
        _ = try? await session.ccmsh(["remove"])
        _ = try? await caller.run(["rm", "-rf", root])
        throw error
      }
    }
  }
}

/// One cluster in its own config dir under the caller's home.
struct NonRootSession {
  let caller: NonRootCaller
  let binary: String
  let root: String
  let kind: RuntimeKind

  var tag: String { ContainerNames.tag(configDirectory: root) }

  @discardableResult
  func ccmsh(_ arguments: [String], expectSuccess: Bool = true) async throws -> String {
    let output = try await caller.run(
      [binary] + arguments, environment: ["CCM_CONFIG_DIR": root], timeout: .seconds(90))
    if expectSuccess {
      #expect(
        output.status == .exited(0),
        "ccmsh \(arguments.joined(separator: " ")) as \(caller.name): \(output.standardError)")
    }
    return output.standardOutput
  }

  func exercise(image: String) async throws {
    let cluster = "nr\(UUID().uuidString.prefix(6).lowercased())"
    try await ccmsh([
      "create", cluster, "-n", "3", "--container-runtime", kind.rawValue, "--docker-image", image,
    ])
    let clock = ContinuousClock()
    let started = clock.now
    // Serving CQL does not promise that every peer has seen the node yet (a seed's gossip may
    // be a probe behind): the ring is read once each node's UP line is in the others' logs.
    try await ccmsh(["start", "--wait-for-binary-proto", "--wait-other-notice"])
    // 3 nodes take a few seconds here; a probe that waited on an unreachable address would
    // take the whole start timeout.
    #expect(clock.now - started < .seconds(60), "start took \(clock.now - started)")
    let ring = try await ccmsh(["node1", "nodetool", "status"])
    #expect(ring.split(separator: "\n").filter { $0.hasPrefix("UN ") }.count == 3, "\(ring)")
    try await ccmsh([
      "node1", "cqlsh", "-x",
      "CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3};"
        + " CREATE TABLE ks.t (k int PRIMARY KEY, v text); INSERT INTO ks.t (k, v) VALUES (1, 'one');",
    ])
    #expect(
      try await ccmsh(["node1", "cqlsh", "-x", "SELECT v FROM ks.t WHERE k = 1;"]).contains("one"))
    try await ccmsh(["node2", "kill"])
    #expect(try await ccmsh(["status"]).contains("node2: DOWN"))
    try await ccmsh(["node2", "start", "--wait-for-binary-proto"])
    #expect(!(try await ccmsh(["status"]).contains("DOWN")))
    try await ccmsh(["stop"])
    try await ccmsh(["updateconf", "read_request_timeout_in_ms:10000"])
    try await ccmsh(["start", "--wait-for-binary-proto"])
    try await checkFiles(cluster: cluster)
    let volumes = try await volumesOfNodes()
    try await ccmsh(["remove"])
    try await checkNothingLeft(volumes: volumes)
  }

  /// The server's directories are usable, the caller reads all of them, none is world-writable.
  private func checkFiles(cluster: String) async throws {
    let unreadable = try await caller.run(["find", root, "!", "-readable"])
    #expect(
      unreadable.standardOutput.isEmpty,
      "not readable by \(caller.name): \(unreadable.standardOutput)")
    let writable = try await caller.run(["find", root, "-perm", "-o+w", "!", "-type", "l"])
    #expect(writable.standardOutput.isEmpty, "world-writable: \(writable.standardOutput)")
    let logs = try await caller.run(["ls", "\(root)/\(cluster)/node1/commitlogs"])
    #expect(logs.status == .exited(0), "commitlogs: \(logs.standardError)")
  }

  private func volumesOfNodes() async throws -> [String] {
    let names = try await names(["ps", "-a", "--format", "{{.Names}}"])
    guard !names.isEmpty else { return [] }
    let format = "{{range .Mounts}}{{if eq .Type \"volume\"}}{{.Name}} {{end}}{{end}}"
    let output = try await caller.run([kind.rawValue, "inspect", "--format", format] + names)
    return output.standardOutput.split(whereSeparator: \.isWhitespace).map(String.init)
  }

  /// Names of this config dir's containers or networks (its tag is in every name).
  private func names(_ list: [String]) async throws -> [String] {
    let output = try await caller.run([kind.rawValue] + list)
    return output.standardOutput.split(separator: "\n").map(String.init).filter { $0.contains(tag) }
  }

  private func checkNothingLeft(volumes: [String]) async throws {
    #expect(try await names(["ps", "-a", "--format", "{{.Names}}"]).isEmpty, "containers left")
    #expect(try await names(["network", "ls", "--format", "{{.Name}}"]).isEmpty, "networks left")
    let present = try await caller.run([kind.rawValue, "volume", "ls", "--format", "{{.Name}}"])
    let left = Set(present.standardOutput.split(separator: "\n").map(String.init))
      .intersection(volumes)
    #expect(left.isEmpty, "volumes left: \(left.sorted())")
    let leftFiles = try await caller.run(["find", root, "-mindepth", "1"])
    #expect(leftFiles.standardOutput.isEmpty, "files left: \(leftFiles.standardOutput)")
    let removed = try await caller.run(["rm", "-r", root])
    #expect(
      removed.status == .exited(0), "\(caller.name) cannot delete \(root): \(removed.standardError)"
    )
  }
}
