/// The engine-wide names of a container cluster's network and containers, and its nodes' MACs.
///
/// Engines have one namespace for all users and config dirs, so every name carries a tag of the
/// config dir's full path: the same cluster name in two config dirs (parallel CI jobs with their
/// own `CCM_CONFIG_DIR`) gives different names. Names are written into cluster.conf and node.conf
/// at create/add and read from there afterwards, so clusters made with older names keep working.
enum ContainerNames {
  /// 8 hex digits of FNV-1a over the config dir's absolute path.
  static func tag(configDirectory: String) -> String {
    let hash = fnv1a(configDirectory)
    let text = String(hash & 0xffff_ffff, radix: 16)
    return String(repeating: "0", count: 8 - text.count) + text
  }

  /// `ccm-<cluster>-<tag>`, lower-cased with `_` → `-` (engines reject some name characters).
  static func network(cluster: String, configDirectory: String) -> String {
    let safe = cluster.replacingOccurrences(of: "_", with: "-").lowercased()
    return "ccm-\(safe)-\(tag(configDirectory: configDirectory))"
  }

  /// `<config dir name>-<cluster>-<tag>-<node>`: scylla-ccm's `<dir>-<cluster>-<node>` with the
  /// tag, without leading dots (`~/.ccm` would give `.ccm-…`, which engines reject).
  static func container(node: String, cluster: String, configDirectory: String) -> String {
    let base = configDirectory.split(separator: "/").last.map(String.init) ?? "ccm"
    let trimmed = String(base.drop { $0 == "." })
    let tag = tag(configDirectory: configDirectory)
    return "\(trimmed.isEmpty ? "ccm" : trimmed)-\(cluster)-\(tag)-\(node)"
  }

  /// A fixed MAC for the node at `address` (`a.b.c.d`): `02:<cluster byte>:<a>:<b>:<c>:<d>`.
  ///
  /// Why: an engine that gives a restarted container a new random MAC (podman) leaves the peers'
  /// ARP entries for its fixed address stale for up to a minute, so the node is unreachable
  /// although it is up. Docker derives `02:42:<address>` itself. The second byte comes from the
  /// cluster and config dir, so two clusters never share a MAC even on the same subnet; `02` is
  /// a locally administered unicast address. Nil when `address` is not dotted IPv4.
  static func mac(address: String, cluster: String, configDirectory: String) -> String? {
    let octets = address.split(separator: ".").compactMap { UInt8($0) }
    guard octets.count == 4 else { return nil }
    var clusterByte = UInt8(truncatingIfNeeded: fnv1a(configDirectory + "\u{1F}" + cluster))
    if clusterByte == 0x42 { clusterByte = 0x43 }  // never Docker's own prefix
    return ([0x02, clusterByte] + octets).map { byte in
      let text = String(byte, radix: 16)
      return text.count == 1 ? "0" + text : text
    }.joined(separator: ":")
  }

  /// FNV-1a (64 bits): stable across runs and machines, unlike `Hasher`.
  static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }
}
