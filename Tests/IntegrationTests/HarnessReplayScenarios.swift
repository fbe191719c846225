import Foundation
import Testing

@testable import CCMCore

/// Each driver harness's `ccm` command sequence, word for word as
/// `driver-harnesses.md` lists its commands and flags, and what the harness then reads.
///
/// Every harness gets its own 127.0.X. block (held for the replay, so the other engine's replay
/// of the same harness waits) and small clusters: the test node starts in milliseconds.
enum HarnessReplayScenarios {
  /// The done-when line: `create -i 127.0.1. -n 3 -s` answers CQL on 127.0.1.1–3 from the host,
  /// `status -v` parses with gocql's parser; a second prefix runs beside it, a taken one is
  /// refused before any container exists, and pause, kill, partition and status still work.
  static func loopbackCluster(on kind: RuntimeKind) async throws {
    try await LoopbackPrefixes.holding("127.0.1.") {
      try await HarnessReplay.run("done-when", on: kind) { h in
        let nodes = HarnessReplay.nodes("127.0.1.", 3)
        let began = ContinuousClock.now
        try h.ok([
          "create", "t", "-v", "release:2025.1", "--scylla", "-i", "127.0.1.", "-n", "3", "-s",
        ])
        print(
          "figure: \(kind.rawValue): 3-node loopback create+start \(ContinuousClock.now - began)")
        h.expectCQL(at: nodes.values.sorted().map { ($0, 9042) })
        // The shard-aware port: the accept-only stand-in has none, an image that speaks CQL has.
        if CQLHandshake.attempt(host: "127.0.1.1", port: 9042) == .supported {
          h.expectCQL(at: nodes.values.sorted().map { ($0, LoopbackPublication.shardAwarePort) })
        } else {
          ImageGate.note("the shard-aware port 19042", harness: h.harness, kind: kind)
        }
        try h.expectGocqlStatus(nodes)
        try h.expectLiveset(nodes.keys.sorted().compactMap { nodes[$0] })
        try await h.expectAdvertised(cluster: "t", nodes)

        try await LoopbackPrefixes.holding("127.0.9.") {
          // Another prefix at the same time, from the same config dir.
          try h.ok([
            "create", "u", "-v", "release:2025.1", "--scylla", "-i", "127.0.9.", "-n", "1", "-s",
          ])
          h.expectCQL(at: [("127.0.9.1", 9042), ("127.0.1.1", 9042)])
          // A prefix another running cluster publishes: one line, nothing made.
          let clash = try h.ccm.run([
            "create", "v", "-v", "release:2025.1", "--scylla", "-i", "127.0.9.", "-n", "1", "-s",
          ])
          #expect(clash.status != 0)
          #expect(
            clash.stderr.contains("127.0.9.1:9042")
              && clash.stderr.split(separator: "\n").count == 1,
            "\(clash.stderr)")
          #expect(!FileManager.default.fileExists(atPath: h.configDirectory + "/v"))
          try h.ok(["remove", "u"])
        }
        try h.ok(["switch", "t"])

        // Faults act on the cluster network; the published address follows the node.
        try h.ok(["node2", "pause"])
        #expect(CQLHandshake.attempt(host: "127.0.1.1", port: 9042) != .failed)
        try h.ok(["node2", "resume"])
        try h.ok(["partition", "node1,node2", "node3"])
        try h.ok(["heal"])
        try h.ok(["node3", "kill"])
        try h.ok(["node3", "start", "--wait-for-binary-proto"])
        h.expectCQL(at: [("127.0.1.3", 9042)])
        try h.expectGocqlStatus(nodes)
        try h.ok(["node3", "stop"])
        let down = try h.ok(["status"])
        #expect(down.contains("node3: DOWN") && down.contains("node1: UP"), "\(down)")
        try h.ok(["stop"])
        try h.ok(["remove", "t"])
      }
    }
  }

  /// gocql: `create` with its flags (`-d`, `--vnodes`, `--jvm_arg`), `updateconf "key: value"`,
  /// `start --wait-for-binary-proto --verbose`, `status` grepped for UP, `status -v` parsed,
  /// `-cluster=$(ccm liveset)`, `-gocql.cversion=$(ccm node1 versionfrombuild)`, then
  /// `stop NAME` and `remove NAME`.
  static func gocql(on kind: RuntimeKind) async throws {
    try await LoopbackPrefixes.holding("127.0.1.") {
      try await HarnessReplay.run("gocql", on: kind) { h in
        let nodes = HarnessReplay.nodes("127.0.1.", 2)
        try h.ok([
          "create", "gocql_test", "-n", "2", "-i", "127.0.1.", "-v", "release:2025.1", "--scylla",
          "-d", "--vnodes", "--jvm_arg=--smp 1 --memory 1G",
        ])
        try h.ok(["updateconf", "enable_user_defined_functions: true"])
        try h.ok(["start", "--wait-for-binary-proto", "--verbose"])
        let status = try h.ok(["status"])
        #expect(status.split(separator: "\n").filter { $0.contains("UP") }.count == 2)
        try h.expectGocqlStatus(nodes)
        try h.expectLiveset(["127.0.1.1", "127.0.1.2"])
        #expect(!(try h.ok(["node1", "versionfrombuild"])).isEmpty)
        h.expectCQL(at: [("127.0.1.1", 9042), ("127.0.1.2", 9042)])
        try await h.expectAdvertised(cluster: "gocql_test", nodes)
        try h.ok(["node1", "nodetool", "status"])
        try h.ok(["stop", "gocql_test"])
        try h.ok(["remove", "gocql_test"])
      }
    }
  }

  /// rust: node addresses derived from its own prefix.
  ///
  /// It allocates its own 127.0.X. and derives node addresses from it, keeps its clusters
  /// in `--config-dir DIR`, passes `SCYLLA_EXT_OPTS` to start; `add -i -j -r -b -s`,
  /// `decommission`, `remove`.
  static func rust(on kind: RuntimeKind) async throws {
    try await LoopbackPrefixes.holding("127.0.2.") {
      try await HarnessReplay.run(
        "rust", on: kind, environment: ["SCYLLA_EXT_OPTS": "--smp=1 --memory=1G"]
      ) { h in
        let dir = h.configDirectory
        try h.ok([
          "create", "rust_cluster", "--scylla", "-v", "release:2025.1", "-i", "127.0.2.", "-n",
          "2", "--config-dir", dir,
        ])
        try h.ok(["node1", "updateconf", "read_request_timeout_in_ms:5000", "--config-dir", dir])
        try h.ok(["start", "--wait-for-binary-proto", "--config-dir", dir])
        h.expectCQL(at: [("127.0.2.1", 9042), ("127.0.2.2", 9042)])
        try await h.expectAdvertised(cluster: "rust_cluster", HarnessReplay.nodes("127.0.2.", 2))
        try h.ok([
          "add", "node3", "-i", "127.0.2.3", "-j", "7399", "-r", "2300", "-b", "-s", "--scylla",
          "--config-dir", dir,
        ])
        try h.ok(["node3", "start", "--wait-for-binary-proto", "--config-dir", dir])
        h.expectCQL(at: [("127.0.2.3", 9042)])
        try await h.expectAdvertised(cluster: "rust_cluster", HarnessReplay.nodes("127.0.2.", 3))
        try h.ok(["node3", "decommission", "--config-dir", dir])
        try h.ok(["node3", "remove", "--config-dir", dir])
        try h.ok(["stop", "--config-dir", dir])
        try h.ok(["remove", "--config-dir", dir])
      }
    }
  }

  /// java 3.x: `--config-dir=DIR` always; rewrites node.conf between create and start (a random
  /// CQL and storage port, `jmx_port`, `remote_debug_port`) and then waits for
  /// `ipPrefix+n:binaryPort` itself; `add` with `-t/-l/--binary-itf`, `pause`/`resume`,
  /// `decommission --force`, `checklogerror`, `stop --not-gently`.
  static func java3(on kind: RuntimeKind) async throws {
    try await LoopbackPrefixes.holding("127.0.3.") {
      try await HarnessReplay.run("java 3.x", on: kind) { h in
        let dir = "--config-dir=\(h.configDirectory)"
        try h.ok(["create", "java3", dir, "-i", "127.0.3.", "-v", "release:2025.1", "--scylla"])
        try h.ok(["populate", "-n", "2", dir])
        let binaryPort = Int.random(in: 20_000...29_999)
        for node in ["node1", "node2"] {
          try rewritePorts(
            "\(h.configDirectory)/java3/\(node)/node.conf", binary: binaryPort,
            storage: binaryPort + 1, jmx: binaryPort + 2, debug: binaryPort + 3)
        }
        try h.ok(["start", "--wait-for-binary-proto", dir, "--jvm_arg=--smp 1"])
        h.expectCQL(at: [("127.0.3.1", binaryPort), ("127.0.3.2", binaryPort)])
        let verbose = try h.ok(["status", "-v", dir])
        #expect(verbose.contains("binary=('127.0.3.2', \(binaryPort))"), "\(verbose)")
        try await h.expectAdvertised(cluster: "java3", HarnessReplay.nodes("127.0.3.", 2))
        try h.ok([
          "add", "node3", "-i", "127.0.3.3", "-t", "127.0.3.3:9160", "-l", "127.0.3.3:7000",
          "--binary-itf", "127.0.3.3:9042", "-j", "7399", "-r", "2300", "-b", "-s", dir,
        ])
        try h.ok(["node3", "start", "--wait-for-binary-proto", dir])
        h.expectCQL(at: [("127.0.3.3", 9042), ("127.0.3.1", binaryPort)])
        try h.ok(["node3", "pause", dir])
        try h.ok(["node3", "resume", dir])
        try h.ok(["node3", "decommission", "--force", dir])
        try h.ok(["checklogerror", dir])
        try h.ok(["stop", "--not-gently", dir])
        try h.ok(["remove", dir])
      }
    }
  }

  /// java 4.x: a temporary `--config-dir=DIR` per bridge; `create -v -i`, `populate -n`,
  /// `start --wait-for-binary-proto --jvm_arg`, `add -i -j -r -b -s`, `nodetool` words,
  /// `NODE stop`, `NODE remove`, `remove`.
  ///
  /// The bridge sets no `CCM_CONFIG_DIR`: here it names a directory that cannot exist, so a
  /// line whose `--config-dir=DIR` is not taken as ccm's (`node1 nodetool status DIR` once) fails.
  static func java4(on kind: RuntimeKind) async throws {
    try await LoopbackPrefixes.holding("127.0.4.") {
      let unused = ["CCM_CONFIG_DIR": "/dev/null/ccm-config-dir-is-not-used"]
      try await HarnessReplay.run("java 4.x", on: kind, environment: unused) { h in
        let dir = "--config-dir=\(h.configDirectory)"
        try h.ok(["create", "ccm_1", "-v", "release:2025.1", "-i", "127.0.4.", "--scylla", dir])
        try h.ok(["populate", "-n", "1", dir])
        try h.ok(["updateconf", "auto_snapshot:false", dir])
        try h.ok(["start", "--wait-for-binary-proto", "--jvm_arg=--smp 1", dir])
        try h.ok(["add", "node2", "-i", "127.0.4.2", "-j", "7299", "-r", "2200", "-b", "-s", dir])
        try h.ok(["node2", "start", "--wait-for-binary-proto", dir])
        h.expectCQL(at: [("127.0.4.1", 9042), ("127.0.4.2", 9042)])
        try h.expectGocqlStatus(HarnessReplay.nodes("127.0.4.", 2), extra: [dir])
        try await h.expectAdvertised(cluster: "ccm_1", HarnessReplay.nodes("127.0.4.", 2))
        try h.ok(["node1", "nodetool", "status", dir])
        try h.ok(["node2", "stop", dir])
        try h.ok(["node2", "remove", dir])
        try h.ok(["remove", dir])
      }
    }
  }

  /// cpp-rs: `create -v --scylla -i -b -n`, `updateconf -y`, `start --wait-for-binary-proto
  /// --jvm_arg`, `liveset`, `status`, `NODE cqlsh -x`, `versionfrombuild`/`version`,
  /// `pause`/`resume`, `decommission`, `stop`, `clear`, `list`, `switch`, `remove`.
  static func cppRS(on kind: RuntimeKind) async throws {
    try await LoopbackPrefixes.holding("127.0.5.") {
      try await HarnessReplay.run("cpp-rs", on: kind) { h in
        try h.ok([
          "create", "cpp_rs", "-v", "release:2025.1", "--scylla", "-i", "127.0.5.", "-b", "-n",
          "2",
        ])
        try h.ok(["updateconf", "-y", "enable_user_defined_functions: true"])
        try h.ok(["start", "--wait-for-binary-proto", "--jvm_arg=--smp 1"])
        try h.expectLiveset(["127.0.5.1", "127.0.5.2"])
        #expect(try h.ok(["status"]).contains("node2: UP"))
        h.expectCQL(at: [("127.0.5.1", 9042), ("127.0.5.2", 9042)])
        try await h.expectAdvertised(cluster: "cpp_rs", HarnessReplay.nodes("127.0.5.", 2))
        try h.ok([
          "node1", "cqlsh", "-x",
          "CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
        ])
        try h.ok(["node1", "versionfrombuild"])
        try h.ok(["node1", "version"])
        try h.ok(["node2", "pause"])
        try h.ok(["node2", "resume"])
        try h.ok(["node2", "decommission"])
        try h.ok(["stop"])
        try h.ok(["clear"])
        #expect(try h.ok(["list"]).contains("cpp_rs"))
        try h.ok(["switch", "cpp_rs"])
        try h.ok(["remove"])
      }
    }
  }

  /// csharp: `create -v --scylla`, then `populate -n -i` (the prefix comes with populate),
  /// `start --wait-for-binary-proto --jvm_arg --quiet-windows`, `status` grepped for UP,
  /// nodetool given as one quoted word, `stop`, `remove`.
  static func csharp(on kind: RuntimeKind) async throws {
    try await LoopbackPrefixes.holding("127.0.6.") {
      try await HarnessReplay.run("csharp", on: kind) { h in
        try h.ok(["create", "test", "-v", "release:2025.1", "--scylla"])
        try h.ok(["populate", "-n", "2", "-i", "127.0.6."])
        try h.ok(["start", "--wait-for-binary-proto", "--jvm_arg=--smp 1", "--quiet-windows"])
        #expect(
          try h.ok(["status"]).split(separator: "\n").filter { $0.hasSuffix("UP") }.count == 2)
        h.expectCQL(at: [("127.0.6.1", 9042), ("127.0.6.2", 9042)])
        try h.expectGocqlStatus(HarnessReplay.nodes("127.0.6.", 2))
        try await h.expectAdvertised(cluster: "test", HarnessReplay.nodes("127.0.6.", 2))
        try h.ok(["node2", "nodetool", "decommission"])
        try h.ok(["stop"])
        try h.ok(["remove"])
      }
    }
  }

  /// nodejs-rs: `CCM_PATH` points at the link; `create -v --scylla`, `populate -n --vnodes
  /// --ip-format=FMT`, `start --wait-for-binary-proto --jvm_arg`, `add`, `NODE start`,
  /// `decommission`, `NODE stop`, `remove`.
  static func nodejsRS(on kind: RuntimeKind) async throws {
    try await LoopbackPrefixes.holding("127.0.7.") {
      try await HarnessReplay.run("nodejs-rs", on: kind) { h in
        try h.ok(["create", "nodejs", "-v", "release:2025.1", "--scylla"])
        try h.ok(["populate", "-n", "2", "--vnodes", "--ip-format=127.0.7.%d"])
        try h.ok(["start", "--wait-for-binary-proto", "--jvm_arg=--smp 1"])
        h.expectCQL(at: [("127.0.7.1", 9042), ("127.0.7.2", 9042)])
        try h.ok(["add", "node3", "-i", "127.0.7.3", "-b"])
        try h.ok(["node3", "start", "--wait-for-binary-proto"])
        h.expectCQL(at: [("127.0.7.3", 9042)])
        try await h.expectAdvertised(cluster: "nodejs", HarnessReplay.nodes("127.0.7.", 3))
        try h.expectLiveset(["127.0.7.1", "127.0.7.2", "127.0.7.3"])
        try h.ok(["node3", "decommission"])
        try h.ok(["node2", "stop"])
        try h.ok(["node2", "start", "--wait-for-binary-proto"])
        h.expectCQL(at: [("127.0.7.2", 9042)])
        try h.ok(["remove"])
      }
    }
  }

  /// java 3.x's rewrite of node.conf: the default ports replaced in the file's text.
  private static func rewritePorts(
    _ path: String, binary: Int, storage: Int, jmx: Int, debug: Int
  ) throws {
    var text = try String(contentsOfFile: path, encoding: .utf8)
    text = text.replacingOccurrences(of: "- 9042\n", with: "- \(binary)\n")
      .replacingOccurrences(of: "- 7000\n", with: "- \(storage)\n")
      .replacingOccurrences(of: "jmx_port: '7199'", with: "jmx_port: '\(jmx)'")
      .replacingOccurrences(of: "remote_debug_port: '0'", with: "remote_debug_port: '\(debug)'")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }
}
