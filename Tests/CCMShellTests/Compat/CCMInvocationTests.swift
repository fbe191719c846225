import Testing

@testable import CCMShell

/// ccmsh run as `ccm`: the harnesses' words reach the command table, no-ops dropped.
@Suite struct CCMInvocationTests {
  private func words(_ line: String) -> [String] { line.split(separator: " ").map(String.init) }

  @Test func theProgramNameDecides() {
    #expect(CCMInvocation.isCCM(programPath: "ccm"))
    #expect(CCMInvocation.isCCM(programPath: "/usr/local/bin/ccm"))
    #expect(!CCMInvocation.isCCM(programPath: "/usr/local/bin/ccmsh"))
    #expect(!CCMInvocation.isCCM(programPath: "/opt/ccm/bin/ccmsh"))
  }

  @Test func noOpFlagsAreDroppedForTheirCommandOnly() throws {
    #expect(
      try CCMInvocation.translate(words("start --wait-for-binary-proto --quiet-windows --root"))
        == words("start --wait-for-binary-proto"))
    #expect(
      try CCMInvocation.translate(words("node1 start --quiet-windows --jvm_arg=--smp --jvm_arg=2"))
        == words("node1 start --jvm_arg=--smp --jvm_arg=2"))
    #expect(
      try CCMInvocation.translate(
        words("create t -n 3 -d -b --profile-opts X -v release:2025.1 --scylla"))
        == words("create t -n 3 -v release:2025.1 --scylla"))
    #expect(try CCMInvocation.translate(words("stop t -g --no-wait")) == words("stop t"))
    // The global words are read off first, wherever they stand (java 4.x appends them).
    let launch = try Launch(ccm: words("--config-dir /tmp/x stop t -g --no-wait"))
    var expected = GlobalWords(configDirectory: "/tmp/x")
    expected.rest = words("stop t")
    #expect(launch.mode == .command(expected) && launch.configDirectory == "/tmp/x")
    let java = try Launch(ccm: words("node1 nodetool status --config-dir=/tmp/y"))
    expected = GlobalWords(configDirectory: "/tmp/y")
    expected.rest = words("node1 nodetool status")
    #expect(java.mode == .command(expected))
    #expect(try CCMInvocation.translate(words("node2 stop --no-wait")) == words("node2 stop"))
    #expect(
      try CCMInvocation.translate(words("add node4 -t 127.0.0.4:9160 -i 127.0.0.4 --scylla"))
        == words("add node4 -i 127.0.0.4 --scylla"))
    // -v is status's own flag, and cqlsh's words pass on untouched.
    #expect(try CCMInvocation.translate(words("status -v")) == words("status -v"))
    #expect(
      try CCMInvocation.translate(words("node1 cqlsh --ssl -x SELECT"))
        == words("node1 cqlsh --ssl -x SELECT"))
  }

  @Test func unsupportedFlagsGetOneClearLine() throws {
    #expect(throws: CCMInvocation.Unsupported.self) {
      try CCMInvocation.translate(words("create t -n 1 --sni-proxy"))
    }
    // TLS, password auth and the snitch are create's own options now: passed on.
    #expect(
      try CCMInvocation.translate(
        words("create t -n 1 --ssl=/tmp/ssl --require_client_auth --pwd-auth --snitch X"))
        == words("create t -n 1 --ssl=/tmp/ssl --require_client_auth --pwd-auth --snitch X"))
    #expect(throws: (any Error).self) { try Launch(ccm: words("create t --dse")) }
    #expect(throws: Never.self) { try Launch(ccm: []) }
  }

  @Test func ccmModeHasNoREPLAndNoLeadingVerbose() throws {
    #expect(try Launch(ccm: []).mode == .command(GlobalWords()))
    #expect(try Launch(ccm: words("status -v")).mode == .command(rest(words("status -v"))))
    #expect(try Launch(ccm: words("status -v")).verbosity == 0)
    // ccmsh's own reading: -v before the command word is verbose, after it the command's.
    let launch = try Launch(words("-v create t -v 2025.1"))
    #expect(launch.verbosity == 1 && launch.mode == .command(rest(words("create t -v 2025.1"))))
  }

  private func rest(_ rest: [String]) -> GlobalWords {
    var words = GlobalWords()
    words.rest = rest
    return words
  }
}
