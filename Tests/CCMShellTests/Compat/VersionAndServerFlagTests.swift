import Testing

@testable import CCMCore
@testable import CCMShell

/// scylla-ccm's version strings become images; its `--jvm_arg`/`SCYLLA_EXT_OPTS` become flags.
@Suite struct VersionAndServerFlagTests {
  private func image(_ version: String, scylla: Bool = true, _ env: [String: String] = [:]) throws
    -> String
  {
    try ScyllaVersionImage.image(for: version, scylla: scylla, environment: env)
  }

  @Test func versionsNameImages() throws {
    #expect(try image("release:2025.1") == "scylladb/scylla:2025.1")
    #expect(try image("2025.1.3", scylla: false) == "scylladb/scylla:2025.1.3")
    #expect(try image("release:2026.2.4") == "scylladb/scylla:2026.2.4")
    #expect(try image("release:6.2") == "scylladb/scylla:6.2")
    #expect(try image("2025.1.0~rc1") == "scylladb/scylla:2025.1.0-rc1")
    #expect(try image("release:2024.1.12") == "scylladb/scylla-enterprise:2024.1.12")
    let mirror = ["SCYLLA_DOCKER_REPOSITORY": "localhost/ccmsh-test-node"]
    #expect(try image("release:2024.1", mirror) == "localhost/ccmsh-test-node:2024.1")
  }

  @Test func stringsNamingNoImageAreRefused() {
    for version in ["git:master", "unstable/master:latest", "release:2025.1:debug", "latest", "1"] {
      #expect(throws: CCMError.self, "\(version)") { try image(version) }
    }
    // A Cassandra version without --scylla: one line saying what ccmsh runs.
    do {
      _ = try ScyllaVersionImage.tag("4.1.5", scylla: false)
      Issue.record("4.1.5 accepted")
    } catch {
      #expect(error.message.contains("Cassandra version") && !error.message.contains("\n"))
    }
    #expect(throws: CCMError.self) { try image("3.11.4", scylla: false) }
  }

  @Test func serverFlagsSplitAsScyllaCCMSplitsThem() {
    #expect(ServerArguments.flags(["--smp 2 --memory 1G"]) == ["smp": "2", "memory": "1G"])
    #expect(ServerArguments.flags(["--smp", "2"]) == ["smp": "2"])
    #expect(
      ServerArguments.flags(["--skip-wait-for-gossip-to-settle=0", "--overprovisioned"])
        == ["skip-wait-for-gossip-to-settle": "0", "overprovisioned": "1"])
    #expect(ServerArguments.flags(["-Dcassandra.ring_delay_ms=0"]).isEmpty)
  }

  @Test func jvmArgumentsWinOverTheEnvironment() throws {
    let options = try ServerArgumentOptions.parse(["--jvm_arg=--smp", "--jvm_arg=3"])
    #expect(
      options.imageFlags(environment: ["SCYLLA_EXT_OPTS": "--smp=2 --memory=1G"])
        == ["smp": "3", "memory": "1G"])
  }

  @Test func fastStartIsTurnedOnByTheEnvironment() {
    #expect(FastStartProfile.requested(by: ["CCMSH_FAST_START": "1"]))
    #expect(!FastStartProfile.requested(by: ["CCMSH_FAST_START": "0"]))
    #expect(FastStartProfile.imageFlags["ring-delay-ms"] == "0")
  }
}
