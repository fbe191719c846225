import Foundation

/// Kernel AIO contexts for the nodes a start launches.
///
/// ScyllaDB reserves, per shard, its
/// networking iocbs (50,000 unless `--max-networking-io-control-blocks`) plus ~1,026 for storage,
/// from the host's `fs.aio-max-nr`, shared by every container. Linux's default (65,536) covers
/// one node and a bit at the image's default, so container nodes get a small networking budget
/// (scylla-ccm gives its local nodes the same 1,000), and before anything starts ccmsh compares
/// what the nodes will reserve with what the host has left.
enum AIOBudget {
  static let flag = "max-networking-io-control-blocks"
  /// Per shard; with storage's 1,026 a node takes ~2,000 contexts: 30 nodes fit in 65,536.
  static let defaultNetworkingBlocks = 1000
  /// ScyllaDB's own default when the flag is not given.
  static let serverDefaultNetworkingBlocks = 50_000
  static let storageBlocks = 1026
  /// Below this per shard Seastar refuses to start ("does not satisfy minimum AIO
  /// requirements"); above it, it shrinks the networking part to what is left.
  static let minimumPerShard = 1036

  /// What one node asks for, from its entrypoint flags.
  struct Request: Sendable, Hashable {
    var node: String
    var shards: Int
    var networking: Int

    init(node: String, flags: [String: String]) {
      self.node = node
      shards = flags["smp"].flatMap(Int.init).map { max(1, $0) } ?? 1
      networking =
        flags[AIOBudget.flag].flatMap(Int.init) ?? AIOBudget.serverDefaultNetworkingBlocks
    }

    var wanted: Int { shards * (networking + AIOBudget.storageBlocks) }
  }

  /// The host's `fs.aio-max-nr` and `fs.aio-nr`, or nil when they cannot be read.
  static func hostCapacity(procRoot: String = "/proc/sys/fs") -> (max: Int, used: Int)? {
    func read(_ name: String) -> Int? {
      (try? String(contentsOfFile: procRoot + "/" + name, encoding: .utf8))
        .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
    guard let max = read("aio-max-nr"), let used = read("aio-nr") else { return nil }
    return (max, used)
  }

  /// Whether the engine's containers share this host's kernel (no remote or VM engine, no
  /// engine endpoint other than a local socket).
  static func engineIsLocal(
    _ client: any ContainerClient, environment: [String: String]
  ) -> Bool {
    #if os(Linux)
      if let cli = client as? any CLIContainerClient, let endpoint = cli.dialect.endpoint {
        guard case .url(let url) = endpoint, url.hasPrefix("unix://") else { return false }
        return true
      }
      switch client.kind {
      case .docker:
        if let context = environment["DOCKER_CONTEXT"], !context.isEmpty, context != "default" {
          return false
        }
        guard let host = environment["DOCKER_HOST"], !host.isEmpty else { return true }
        return host.hasPrefix("unix://")
      case .podman:
        let host = environment["CONTAINER_HOST"] ?? ""
        return host.isEmpty || host.hasPrefix("unix://")
      }
    #else
      return false  // Docker Desktop, podman machine: a VM's kernel, not this one
    #endif
  }

  /// Throws when `requests`, started in order, cannot all get their contexts from
  /// `capacity`: the first that would fail, the arithmetic, and what to run.
  static func check(_ requests: [Request], capacity: (max: Int, used: Int)) throws(CCMError) {
    var free = capacity.max - capacity.used
    let wanted = requests.reduce(0) { $0 + $1.wanted }
    for request in requests {
      let minimum = request.shards * minimumPerShard
      guard free >= minimum else {
        let target = ((capacity.used + wanted) / 65_536 + 1) * 65_536
        let count = requests.count == 1 ? "1 node" : "\(requests.count) nodes"
        throw .hostLimit(
          node: request.node,
          problem: "cannot start: the host has \(max(0, capacity.max - capacity.used)) kernel AIO"
            + " contexts free (fs.aio-max-nr \(capacity.max) - fs.aio-nr \(capacity.used)) and"
            + " the \(count) to start ask for \(wanted); raise the limit"
            + " (sudo sysctl -w fs.aio-max-nr=\(target)) or lower"
            + " --image-flag \(flag)=N")
      }
      free -= min(free, request.wanted)
    }
  }
}
