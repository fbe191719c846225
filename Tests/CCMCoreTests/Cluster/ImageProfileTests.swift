import Foundation
import Testing

@testable import CCMCore

/// What ccmsh reads from an image (user, generation, supervisor program) and the rules built on
/// it: image flags, the AIO budget, the maintenance socket.
@Suite struct ImageProfileTests {
  @Test func userByNameResolvesThroughTheImagesOwnTables() throws {
    let passwd = "root:x:0:0::/root:/bin/sh\nscylla:x:975:976::/var/lib/scylla:/sbin/nologin\n"
    let group = "root:x:0:\nscylla:x:977:\n"
    #expect(try ImageUser.resolve("", passwd: passwd, group: group, image: "i") == (0, 0))
    #expect(
      try ImageUser.resolve("scylla:scylla", passwd: passwd, group: group, image: "i") == (975, 977)
    )
    #expect(try ImageUser.resolve("scylla", passwd: passwd, group: group, image: "i") == (975, 976))
    #expect(try ImageUser.resolve("1234:5", passwd: "", group: "", image: "i") == (1234, 5))
    #expect(throws: CCMError.self) {
      try ImageUser.resolve("nobody:scylla", passwd: passwd, group: group, image: "i")
    }
  }

  @Test func generationComesFromTheTagThenTheLabel() {
    #expect(ImageGeneration.of(image: "scylladb/scylla:2025.4.2", labels: [:]) == .init(2025, 4))
    #expect(ImageGeneration.of(image: "localhost:5000/scylla:6.2", labels: [:]) == .init(6, 2))
    #expect(ImageGeneration.of(image: "localhost:5000/scylla", labels: [:]) == nil)
    #expect(
      ImageGeneration.of(
        image: "scylladb/scylla:latest",
        labels: ["org.opencontainers.image.version": "2026.2.0-rc1"]) == .init(2026, 2))
    #expect(ImageGeneration(version: "latest") == nil)
  }

  @Test func respawnIsTurnedOffOnceInTheScyllaProgram() {
    let image =
      "[program:scylla]\ncommand=/x\nautorestart=unexpected\nstartretries = 5\n\n[program:other]\n"
      + "autorestart=true\nstartretries=3\n"
    let patched = SupervisorProgram.withoutRespawn(image)
    // A death before startsecs is not retried either: the first one is final (FATAL).
    #expect(
      patched
        == "[program:scylla]\nautorestart=false\nstartretries=0\ncommand=/x\n\n[program:other]\n"
        + "autorestart=true\nstartretries=3\n")
    #expect(
      SupervisorProgram.withoutRespawn("[supervisord]\n")
        == "[supervisord]\n\n[program:scylla]\nautorestart=false\nstartretries=0")
  }

  @Test func supervisorLinesParse() {
    #expect(
      ServerState(statusLine: "scylla                           RUNNING   pid 42, uptime 0:00:05\n")
        == .running)
    #expect(
      ServerState(statusLine: "scylla                           EXITED    Dec 02 06:00 PM\n")
        == .exited)
    #expect(
      ServerState(
        statusLine: "scylla    BACKOFF   Exited too quickly (process log may have details)")
        == .backoff)
    #expect(ServerState(statusLine: "scylla: ERROR (no such process)") == nil)
    #expect(ServerState.fatal.isDown && ServerState.backoff.isTransient)
  }

  @Test func flagsTheGenerationCannotTakeAreRefused() {
    let new = ImageProfile(generation: .init(2025, 4))
    let old = ImageProfile(generation: .init(6, 2))
    #expect(throws: CCMError.self) { try ImageFlagRules.check(["experimental": "1"], profile: new) }
    #expect(throws: Never.self) { try ImageFlagRules.check(["experimental": "1"], profile: old) }
    #expect(throws: CCMError.self) { try ImageFlagRules.check(["dc": "dc2"], profile: new) }
    #expect(throws: CCMError.self) {
      try ImageFlagRules.check(["disable-version-check": "1"], profile: nil)
    }
    #expect(throws: CCMError.self) {
      try ImageFlagRules.check(["developer-mode": "true"], profile: nil)
    }
    #expect(throws: Never.self) {
      try ImageFlagRules.check(
        ["reactor-backend": "epoll", "experimental-features": "udf"], profile: new)
    }
    #expect(
      ImageFlagRules.arguments(["disable-version-check": "", "smp": "2"])
        == ["--disable-version-check", "--smp", "2"])
  }

  @Test func aioShortfallIsRefusedWithWhatToRun() throws {
    let node = { (name: String, flags: [String: String]) in
      AIOBudget.Request(node: name, flags: flags)
    }
    // Linux's default limit: three nodes at the server's own 50,000 do not fit.
    let big = (1...3).map { node("node\($0)", [:]) }
    #expect {
      try AIOBudget.check(big, capacity: (65_536, 0))
    } throws: { error in
      guard case CCMError.hostLimit(let name, let problem) = error else { return false }
      return name == "node3" && problem.contains("sysctl -w fs.aio-max-nr=196608")
        && problem.contains("fs.aio-nr 0")
    }
    // ccmsh's default budget: they do.
    let small = (1...3).map { node("node\($0)", [AIOBudget.flag: "1000"]) }
    try AIOBudget.check(small, capacity: (65_536, 0))
    #expect(throws: CCMError.self) { try AIOBudget.check(small, capacity: (65_536, 62_000)) }
  }

  @Test func maintenanceSocketLeavesTheWorkdirFrom2026_2() throws {
    let mapping = { (text: String) in try YAMLFile.parseMapping(text, file: "scylla.yaml") }
    #expect(
      ScyllaYAMLGenerator.maintenanceSocketInWorkdir(
        try mapping("a: 1\n"), generation: .init(2026, 2)))
    #expect(
      !ScyllaYAMLGenerator.maintenanceSocketInWorkdir(
        try mapping("a: 1\n"), generation: .init(2026, 1)))
    #expect(
      ScyllaYAMLGenerator.maintenanceSocketInWorkdir(
        try mapping("maintenance_socket: workdir\n"), generation: nil))
    #expect(
      !ScyllaYAMLGenerator.maintenanceSocketInWorkdir(
        try mapping("maintenance_socket: ignore\n"), generation: .init(2026, 2)))
    #expect(ScyllaYAMLGenerator.maintenanceSocket.utf8.count < 108)
  }
}
