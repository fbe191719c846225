import CCMCore

/// The fast-start profile for test clusters (`create --fast-start`, or `CCMSH_FAST_START=1` for
/// harnesses whose command lines cannot change): server flags that cut a node's start from tens
/// of seconds to a few, each trading away something a test cluster does not need.
///
/// They are written into the cluster's `image_flags` (so every start applies them, and a later
/// `--jvm_arg`/`--image-flag` still wins) and marked by `fast_start: true` in cluster.conf.
enum FastStartProfile {
  /// The flags and what each trades away (docs/migrating-from-ccm.md repeats this table).
  static let flags: [(name: String, value: String, tradeOff: String)] = [
    ("skip-wait-for-gossip-to-settle", "0", "a node may serve before it has seen every peer"),
    ("ring-delay-ms", "0", "no pause for token ranges to settle on join"),
    ("unsafe-bypass-fsync", "1", "writes are not durable across a host crash"),
    ("kernel-page-cache", "1", "reads go through the page cache (less like production I/O)"),
    ("collectd", "0", "no collectd metrics"),
    ("commitlog-use-o-dsync", "0", "commit-log writes are not O_DSYNC"),
    ("flush-schema-tables-after-modification", "false", "schema changes are not flushed at once"),
    ("auto-snapshot", "0", "no snapshot before TRUNCATE or DROP"),
    ("shutdown-announce-in-ms", "0", "peers learn of a shutdown by failure detection"),
    ("max-networking-io-control-blocks", "1000", "fewer AIO blocks (fits many nodes per host)"),
  ]

  static var imageFlags: [String: String] {
    Dictionary(uniqueKeysWithValues: flags.map { ($0.name, $0.value) })
  }

  /// Whether the environment turns the profile on (`CCMSH_FAST_START=1`, `true` or `yes`).
  static func requested(by environment: [String: String]) -> Bool {
    guard let value = environment["CCMSH_FAST_START"]?.lowercased() else { return false }
    return ["1", "true", "yes", "on"].contains(value)
  }
}
