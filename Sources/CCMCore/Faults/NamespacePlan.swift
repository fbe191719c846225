/// The rules and queueing disciplines one node's network namespace should hold: argv arrays for
/// `iptables` and `tc`, built without touching anything.
///
/// Drops and loss are filtered where the packets arrive (the destination's `INPUT`): a sender
/// whose own `OUTPUT` drops gets EPERM from `sendto`, which a real network never gives. Rate and
/// delay shape where they leave (the source's egress qdisc).
///
/// Everything ccmsh writes is marked as its own: the filter rules live in the chain
/// `CCMSH-FAULTS`, reached from `INPUT` by one jump commented `ccmsh`, each rule commented
/// `ccmsh:ID`; the shaping lives under an htb root qdisc with handle `cc:`. Removal touches only
/// that chain, that jump and that qdisc.
struct NamespacePlan: Sendable, Hashable {
  static let chain = "CCMSH-FAULTS"
  static let jumpComment = "ccmsh"
  static let qdiscHandle = "cc:"

  /// `iptables` arguments appending each filter rule to `chain`, in fault order.
  var filterRules: [[String]] = []
  /// `tc` arguments building the shaping tree on `device` (empty: no ccmsh qdisc there).
  var shaping: [[String]] = []

  var isEmpty: Bool { filterRules.isEmpty && shaping.isEmpty }

  /// The plan for `node` under `record`; `addresses` maps node names to their cluster-network
  /// addresses, `device` is the node's interface on that network.
  static func build(
    for node: String, record: LinkFaultRecord, addresses: [String: String], device: String
  ) throws(CCMError) -> NamespacePlan {
    var plan = NamespacePlan()
    func address(of peer: String, for fault: LinkFault) throws(CCMError) -> String {
      guard let address = addresses[peer] else {
        throw .invalidArgument("fault \(fault.id): node \(peer) has no address yet; start it first")
      }
      return address
    }
    for (fault, peer) in record.incoming(to: node) where !fault.effect.isShaping {
      let source = ["-A", chain, "-s", try address(of: peer, for: fault) + "/32"]
      let mark = ["-m", "comment", "--comment", "ccmsh:" + fault.id, "-j", "DROP"]
      switch fault.effect {
      case .loss(let fraction):
        plan.filterRules.append(
          source + ["-m", "statistic", "--mode", "random", "--probability", String(fraction)]
            + mark)
      default:
        plan.filterRules.append(source + mark)
      }
    }
    var shaped: [(fault: LinkFault, address: String)] = []
    for (fault, peer) in record.outgoing(from: node) where fault.effect.isShaping {
      shaped.append((fault, try address(of: peer, for: fault)))
    }
    guard !shaped.isEmpty else { return plan }
    // Unclassified traffic (`default` names no class) goes to htb's direct queue, unshaped.
    plan.shaping.append(
      ["qdisc", "add", "dev", device, "root", "handle", qdiscHandle, "htb", "default", "ffff"])
    for (index, item) in shaped.enumerated() {
      let minor = String(index + 1, radix: 16)
      let classID = qdiscHandle + minor
      switch item.fault.effect {
      case .rate(let bits):
        plan.shaping.append(
          [
            "class", "add", "dev", device, "parent", qdiscHandle, "classid", classID, "htb",
            "rate", "\(bits)bit", "ceil", "\(bits)bit",
          ])
      case .delay(let ms, let jitter):
        plan.shaping.append(
          [
            "class", "add", "dev", device, "parent", qdiscHandle, "classid", classID, "htb",
            "rate", "10gbit",
          ])
        var netem = [
          "qdisc", "add", "dev", device, "parent", classID, "handle",
          String(index + 0x101, radix: 16) + ":", "netem", "delay", "\(ms)ms",
        ]
        if jitter > 0 { netem.append("\(jitter)ms") }
        plan.shaping.append(netem)
      case .drop, .loss:
        continue
      }
      plan.shaping.append(
        [
          "filter", "add", "dev", device, "parent", qdiscHandle, "protocol", "ip", "prio", "1",
          "u32", "match", "ip", "dst", item.address + "/32", "flowid", classID,
        ])
    }
    return plan
  }

  /// The lines of `iptables -S INPUT` that are not ccmsh's jump: rules of another tool, which
  /// ccmsh refuses to put its own in front of.
  static func foreignRules(inInputListing listing: String) -> [String] {
    listing.split(separator: "\n").map(String.init).filter {
      $0.hasPrefix("-A INPUT") && !$0.contains("-j " + chain)
    }
  }

  /// The root qdisc's handle on a device from `tc qdisc show dev DEV root` (`0:` is the
  /// kernel's default; `cc:` is ccmsh's).
  static func rootHandle(inQdiscListing listing: String) -> String? {
    for line in listing.split(separator: "\n") {
      let words = line.split(separator: " ").map(String.init)
      guard words.count >= 3, words[0] == "qdisc", words.contains("root") else { continue }
      return words[2]
    }
    return nil
  }

  /// The interface holding `address` in `ip -o -4 addr show` output.
  static func device(holding address: String, inAddressListing listing: String) -> String? {
    for line in listing.split(separator: "\n") {
      let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
      guard words.count >= 4, let inet = words.firstIndex(of: "inet"), inet + 1 < words.count
      else { continue }
      if words[inet + 1].split(separator: "/").first.map(String.init) == address {
        return words[1].split(separator: "@").first.map(String.init)
      }
    }
    return nil
  }
}
