import Testing

@testable import CCMCore

/// The fault words and the rules they become, without a namespace.
struct LinkFaultSpecTests {
  @Test func parsesEveryForm() throws {
    let loss = try LinkFaultSpec.parse(["loss", "20%", "from", "node1", "to", "node3", "both"])
    #expect(
      loss.effect == .loss(fraction: 0.2) && loss.sets == ["node1", "node3"] && loss.bothWays)
    #expect(try LinkFaultSpec.parse(["cut", "from", "dc1", "to", "dc2"]).effect == .drop)
    #expect(
      try LinkFaultSpec.parse(["rate", "8mbit", "from", "a", "to", "b"]).effect
        == .rate(bitsPerSecond: 8_000_000))
    #expect(
      try LinkFaultSpec.parse(["latency", "100ms", "jitter", "10ms", "from", "a", "to", "b"]).effect
        == .delay(milliseconds: 100, jitterMilliseconds: 10))
    #expect(try LinkFaultSpec.parse(["partition", "a,b", "c"]).sets == ["a,b", "c"])
  }

  @Test(arguments: [
    ["loss", "120%", "from", "a", "to", "b"], ["loss", "from", "a", "to", "b"],
    ["cut", "from", "a", "to", "b", "both"], ["rate", "fast", "from", "a", "to", "b"],
    ["cut", "a", "b"], ["partition", "a"], ["jam", "from", "a", "to", "b"], [],
  ])
  func refusesBadWords(_ words: [String]) {
    #expect(throws: CCMError.self) { try LinkFaultSpec.parse(words) }
  }

  @Test func dropsAreFilteredAtTheReceiverAndRatesShapedAtTheSender() throws {
    var record = LinkFaultRecord()
    _ = record.add(.drop, links: [Link(from: "n1", to: "n2")], summary: "cut", owner: nil)
    _ = record.add(
      .rate(bitsPerSecond: 1_000_000), links: [Link(from: "n1", to: "n2")], summary: "rate",
      owner: nil)
    let addresses = ["n1": "10.0.0.1", "n2": "10.0.0.2"]
    let sender = try NamespacePlan.build(
      for: "n1", record: record, addresses: addresses, device: "eth0")
    let receiver = try NamespacePlan.build(
      for: "n2", record: record, addresses: addresses, device: "eth0")
    #expect(sender.filterRules.isEmpty)
    #expect(sender.shaping.first?.contains("cc:") == true)
    #expect(sender.shaping.contains { $0.contains("10.0.0.2/32") })
    #expect(
      receiver.filterRules == [
        [
          "-A", "CCMSH-FAULTS", "-s", "10.0.0.1/32", "-m", "comment", "--comment", "ccmsh:f1",
          "-j", "DROP",
        ]
      ])
    #expect(receiver.shaping.isEmpty)
  }

  @Test func findsForeignRulesAndOwnQdisc() {
    let listing = "-P INPUT ACCEPT\n-A INPUT -m comment --comment ccmsh -j CCMSH-FAULTS\n"
    #expect(NamespacePlan.foreignRules(inInputListing: listing).isEmpty)
    #expect(NamespacePlan.foreignRules(inInputListing: listing + "-A INPUT -j DROP\n").count == 1)
    #expect(
      NamespacePlan.rootHandle(inQdiscListing: "qdisc htb cc: dev eth0 root refcnt 3") == "cc:")
    #expect(
      NamespacePlan.device(
        holding: "10.0.0.2", inAddressListing: "2: eth0    inet 10.0.0.2/24 brd 10.0.0.255")
        == "eth0")
  }
}
