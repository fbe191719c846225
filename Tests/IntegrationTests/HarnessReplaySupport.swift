import CCMTestSupport
import Foundation
import Testing

@testable import CCMCore

/// One driver harness replayed through a `ccm` link to the built binary, on a real engine, with
/// the test node image standing in for the version the harness asks for
/// (`SCYLLA_DOCKER_REPOSITORY=localhost/ccmsh-test-node`, `-v release:2025.1`; see
/// `imageEnvironment`).
///
/// The checks are what the harness itself reads: gocql's parse of `status -v`, `liveset`, a
/// connection from the host to each 127.0.X.N, the address clients are told
/// (`broadcast_rpc_address`, and `system.local`/`system.peers` when the image answers CQL).
struct HarnessReplay {
  let harness: String
  let kind: RuntimeKind
  let sandbox: ClusterSandbox
  let ccm: CCMProcess
  /// Where the harness keeps its clusters (its `--config-dir`).
  var configDirectory: String { sandbox.root }

  static let version = "release:2025.1"
  static let repository = "localhost/ccmsh-test-node"

  /// Runs `body` with a fresh config dir and `ccm` link; whatever it leaves is removed.
  static func run(
    _ harness: String, on kind: RuntimeKind, environment extra: [String: String] = [:],
    _ body: (HarnessReplay) async throws -> Void
  ) async throws {
    guard let binary = CCMLinkScenario.binary else {
      Issue.record("ccmsh is not built; run `swift build --product ccmsh`")
      return
    }
    let sandbox = ClusterSandbox(kind, client: try await Engines.client(kind))
    let image = try imageEnvironment(kind, harness: harness)
    try await sandbox.run { sandbox in
      let bin = sandbox.root + "/.bin"
      try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
      try FileManager.default.createSymbolicLink(atPath: bin + "/ccm", withDestinationPath: binary)
      let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
      let environment = [
        "CCM_CONFIG_DIR": sandbox.root, "CCM_CONTAINER_RUNTIME": kind.rawValue,
        "PATH": bin + ":" + path, "HOME": sandbox.root,
      ].merging(image) { $1 }.merging(extra) { $1 }
      let replay = HarnessReplay(
        harness: harness, kind: kind, sandbox: sandbox,
        ccm: CCMProcess(path: bin + "/ccm", environment: environment))
      try await body(replay)
    }
  }

  /// How `-v release:2025.1` finds the test node image: through `SCYLLA_DOCKER_REPOSITORY`
  /// when the engine holds `localhost/ccmsh-test-node:2025.1` (the test image's 2025.1
  /// flavour), else the image is given outright (`SCYLLA_DOCKER_IMAGE` wins over `-v`), and
  /// that is said: the first test node image refuses the flags a 2025.1 image is given.
  private static func imageEnvironment(_ kind: RuntimeKind, harness: String) throws
    -> [String: String]
  {
    let inspect = Process()
    inspect.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    inspect.arguments = [kind.rawValue, "image", "inspect", repository + ":2025.1"]
    inspect.standardOutput = FileHandle.nullDevice
    inspect.standardError = FileHandle.nullDevice
    try inspect.run()
    inspect.waitUntilExit()
    if inspect.terminationStatus == 0 { return ["SCYLLA_DOCKER_REPOSITORY": repository] }
    print(
      "note: \(harness) on \(kind.rawValue): \(repository):2025.1 is not there (the test "
        + "image's 2025.1 flavour); -v release:2025.1 runs \(Engines.testImage) given as "
        + "SCYLLA_DOCKER_IMAGE instead")
    return ["SCYLLA_DOCKER_IMAGE": Engines.testImage]
  }

  /// One command line, word for word as the harness passes it; it must succeed.
  ///
  /// Returns its standard output.
  @discardableResult
  func ok(_ words: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let result = try ccm.run(words)
    let line = words.joined(separator: " ")
    try #require(
      result.status == 0,
      "\(harness) on \(kind.rawValue): ccm \(line) exited \(result.status): \(result.stderr)",
      sourceLocation: sourceLocation)
    return result.stdout
  }

  /// `ccm status -v` through gocql's parser: every node UP at its 127.0.X.N.
  func expectGocqlStatus(
    _ addresses: [String: String], extra: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let text = try ok(["status", "-v"] + extra, sourceLocation: sourceLocation)
    let hosts = try GocqlStatusParser.parse(text)
    #expect(
      hosts.mapValues(\.address) == addresses, "\(text)", sourceLocation: sourceLocation)
    let allUp = hosts.values.allSatisfy { $0.up }
    #expect(allUp, "\(text)", sourceLocation: sourceLocation)
  }

  /// `ccm liveset`: the harness's contact points, in node order.
  func expectLiveset(_ addresses: [String], sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let live = try ok(["liveset"], sourceLocation: sourceLocation)
    #expect(
      live.trimmingCharacters(in: .whitespacesAndNewlines) == addresses.joined(separator: ","),
      sourceLocation: sourceLocation)
  }

  /// A driver's first words to each node from the host: TCP connect, then CQL OPTIONS →
  /// SUPPORTED when the image speaks CQL (the accept-only stand-in closes without answering; that
  /// is said, not passed over).
  func expectCQL(
    at endpoints: [(host: String, port: Int)], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for (host, port) in endpoints {
      let outcome = CQLHandshake.attempt(host: host, port: port, timeout: .seconds(3))
      #expect(
        outcome != .failed, "\(host):\(port) does not take a connection from the host",
        sourceLocation: sourceLocation)
      if outcome == .closedWithoutAnswer {
        ImageGate.note(
          "OPTIONS→SUPPORTED at \(host):\(port)", harness: harness, kind: kind)
      }
    }
  }

  /// The addresses clients are told: each node's scylla.yaml `broadcast_rpc_address` is its
  /// 127.0.X.N; with an image that answers `system.local`/`system.peers`, those say the same.
  func expectAdvertised(
    cluster: String, _ addresses: [String: String],
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    for (node, address) in addresses.sorted(by: { $0.key < $1.key }) {
      let yaml = try YAMLFile.readMapping(
        "\(configDirectory)/\(cluster)/\(node)/conf/scylla.yaml")
      #expect(
        yaml["broadcast_rpc_address"]?.scalarText == address, "\(node)",
        sourceLocation: sourceLocation)
      let local = try ok(
        [
          node, "cqlsh", "-x", "SELECT rpc_address FROM system.local",
          "--config-dir=" + configDirectory,
        ],
        sourceLocation: sourceLocation)
      guard ImageGate.answersSystemTables(local) else {
        ImageGate.note(
          "system.local/system.peers rpc_address", harness: harness, kind: kind)
        continue
      }
      #expect(Self.addresses(in: local) == [address], "\(local)", sourceLocation: sourceLocation)
      // system.peers fills as gossip reaches the node: a driver reads it after connecting,
      // and so do the checks here, within a gossip round or two.
      let others = Set(addresses.filter { $0.key != node }.values)
      var peers = ""
      for _ in 0..<40 {
        peers = try ok(
          [
            node, "cqlsh", "-x", "SELECT rpc_address FROM system.peers",
            "--config-dir=" + configDirectory,
          ],
          sourceLocation: sourceLocation)
        if Self.addresses(in: peers) == others { break }
        try await Task.sleep(for: .milliseconds(250))
      }
      #expect(Self.addresses(in: peers) == others, "\(peers)", sourceLocation: sourceLocation)
    }
  }

  /// The IPv4 addresses in cqlsh's table output.
  static func addresses(in text: String) -> Set<String> {
    let pattern = /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/
    return Set(text.matches(of: pattern).map { String($0.output) })
  }

  /// `127.0.X.1` … `127.0.X.count`, keyed `node1` ….
  static func nodes(_ prefix: String, _ count: Int) -> [String: String] {
    Dictionary(uniqueKeysWithValues: (1...count).map { ("node\($0)", prefix + String($0)) })
  }
}

/// What the default test node image can be asked, decided by its answers and said when a check
/// cannot run: the accept-only stand-in takes CQL connections without speaking CQL and its
/// cqlsh has no `system` tables; the image that speaks CQL answers both.
enum ImageGate {
  /// Whether cqlsh's answer to `SELECT rpc_address FROM system.local` has the row.
  static func answersSystemTables(_ output: String) -> Bool {
    !HarnessReplay.addresses(in: output).isEmpty
  }

  static func note(_ check: String, harness: String, kind: RuntimeKind) {
    print(
      "note: \(harness) on \(kind.rawValue): \(check) skipped: the test node image does not "
        + "speak CQL (accept-only stand-in); an image that answers OPTIONS and system.local/"
        + "system.peers runs this check")
  }
}

/// Prefixes no two replays share at once: the replays of one engine run in parallel with the
/// other engine's, and a published 127.0.X.N:9042 is host-wide.
actor LoopbackPrefixes {
  static let shared = LoopbackPrefixes()
  private var held: Set<String> = []
  private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

  /// Runs `body` while holding `prefix` (waits for another replay using it).
  static func holding<T: Sendable>(
    _ prefix: String, _ body: () async throws -> T
  ) async throws -> T {
    await shared.acquire(prefix)
    do {
      let value = try await body()
      await shared.release(prefix)
      return value
    } catch {
      await shared.release(prefix)
      throw error
    }
  }

  private func acquire(_ prefix: String) async {
    if held.insert(prefix).inserted { return }
    await withCheckedContinuation { waiting[prefix, default: []].append($0) }
  }

  private func release(_ prefix: String) {
    if var queue = waiting[prefix], !queue.isEmpty {
      queue.removeFirst().resume()
      waiting[prefix] = queue
    } else {
      held.remove(prefix)
    }
  }
}
