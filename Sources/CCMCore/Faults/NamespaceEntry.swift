import Foundation

/// One node's network namespace, entered from the host with `nsenter` (root, local engine).
///
/// Writes what `NamespacePlan` says and removes only what is marked as ccmsh's own.
struct NamespaceEntry: Sendable {
  let node: String
  /// The container's main process on the host.
  let pid: Int
  let runner: any ProcessRunning

  static let timeout: Duration = .seconds(15)

  /// Whether this process can enter the namespaces of a local engine's containers.
  static func available(runner: any ProcessRunning) -> Bool {
    geteuid() == 0 && runner.locate(executable: "nsenter") != nil
      && runner.locate(executable: "iptables") != nil && runner.locate(executable: "tc") != nil
  }

  /// Whether the kernel has netem, tried in a namespace of its own made for the question (so
  /// nothing anyone uses is changed).
  static func kernelHasNetem(runner: any ProcessRunning) async -> Bool {
    let probe = ProcessCommand(
      "unshare", ["-n", "--", "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"],
      timeout: timeout)
    return (try? await runner.run(probe).status.isSuccess) ?? false
  }

  @discardableResult
  private func run(_ tool: String, _ arguments: [String], allowFailure: Bool = false)
    async throws -> ProcessOutput
  {
    let command = ProcessCommand(
      "nsenter", ["-t", String(pid), "-n", "--", tool] + arguments, timeout: Self.timeout,
      whenCancelled: .finish)
    let output = try await runner.run(command)
    if !output.status.isSuccess && !allowFailure {
      let reason = output.standardError.split(separator: "\n").first.map(String.init) ?? ""
      throw CCMError.nodeState(
        node: node, problem: "\(tool) \(arguments.joined(separator: " ")) failed: \(reason)")
    }
    return output
  }

  @discardableResult
  private func iptables(_ arguments: [String], allowFailure: Bool = false) async throws
    -> ProcessOutput
  {
    try await run("iptables", ["-w", "5"] + arguments, allowFailure: allowFailure)
  }

  /// The interface that holds `address` in this namespace.
  func device(holding address: String) async throws -> String {
    let listing = try await run("ip", ["-o", "-4", "addr", "show"]).standardOutput
    guard let device = NamespacePlan.device(holding: address, inAddressListing: listing) else {
      throw CCMError.nodeState(node: node, problem: "no interface holds its address \(address)")
    }
    return device
  }

  /// Refuses when another tool's rules or root qdisc are where ccmsh's would go.
  func checkNothingForeign(plan: NamespacePlan, device: String) async throws {
    if !plan.filterRules.isEmpty {
      let listing = try await iptables(["-S", "INPUT"]).standardOutput
      if let rule = NamespacePlan.foreignRules(inInputListing: listing).first {
        throw CCMError.nodeState(
          node: node, problem: "its INPUT chain holds a rule ccmsh did not make (\(rule))")
      }
    }
    if !plan.shaping.isEmpty {
      let handle = try await rootHandle(device)
      if let handle, handle != "0:", handle != NamespacePlan.qdiscHandle {
        throw CCMError.nodeState(
          node: node, problem: "\(device) has a root qdisc ccmsh did not make (handle \(handle))")
      }
    }
  }

  private func rootHandle(_ device: String) async throws -> String? {
    let listing = try await run("tc", ["qdisc", "show", "dev", device, "root"]).standardOutput
    return NamespacePlan.rootHandle(inQdiscListing: listing)
  }

  /// Makes the namespace hold exactly `plan`: ccmsh's earlier rules and qdisc are replaced.
  func apply(_ plan: NamespacePlan, device: String) async throws {
    try await checkNothingForeign(plan: plan, device: device)
    try await removeOwn(device: device)
    if !plan.filterRules.isEmpty {
      try await iptables(["-N", NamespacePlan.chain])
      for rule in plan.filterRules { try await iptables(rule) }
      try await iptables(
        [
          "-I", "INPUT", "1", "-m", "comment", "--comment", NamespacePlan.jumpComment, "-j",
          NamespacePlan.chain,
        ])
    }
    for step in plan.shaping { try await run("tc", step) }
  }

  /// Removes ccmsh's jump, chain and root qdisc, and nothing else; fine when there are none.
  func removeOwn(device: String?) async throws {
    let jump = [
      "INPUT", "-m", "comment", "--comment", NamespacePlan.jumpComment, "-j",
      NamespacePlan.chain,
    ]
    while try await iptables(["-C"] + jump, allowFailure: true).status.isSuccess {
      try await iptables(["-D"] + jump)
    }
    if try await iptables(["-S", NamespacePlan.chain], allowFailure: true).status.isSuccess {
      try await iptables(["-F", NamespacePlan.chain])
      try await iptables(["-X", NamespacePlan.chain])
    }
    if let device, try await rootHandle(device) == NamespacePlan.qdiscHandle {
      try await run("tc", ["qdisc", "del", "dev", device, "root"])
    }
  }
}
