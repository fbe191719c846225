import ArgumentParser
import CCMCore

/// Server options given the way scylla-ccm takes them (`--jvm_arg="--smp 2 --memory 1G"`,
/// `--jvm_arg=--smp --jvm_arg=2`, `SCYLLA_EXT_OPTS="--smp=2 --memory=1G"`), as the image flags
/// they become (`smp: "2"`), which go over ccmsh's defaults (a given `--smp 2` replaces `--smp 1`).
///
/// For ScyllaDB scylla-ccm's "JVM arguments" are server flags. Words that are not `--flags` (a
/// Cassandra `-Dcassandra.x=y`) mean nothing to the server and are dropped, as scylla-ccm's
/// container mode drops what its entrypoint does not know. A flag without a value gets `1`.
enum ServerArguments {
  static func flags(_ values: [String]) -> [String: String] {
    let words = values.flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
    var flags: [String: String] = [:]
    var index = 0
    while index < words.count {
      let word = words[index]
      index += 1
      guard word.hasPrefix("--"), word.count > 2 else { continue }
      let body = word.dropFirst(2)
      if let equals = body.firstIndex(of: "=") {
        flags[String(body[..<equals])] = String(body[body.index(after: equals)...])
      } else if index < words.count, !words[index].hasPrefix("-") {
        flags[String(body)] = words[index]
        index += 1
      } else {
        flags[String(body)] = "1"
      }
    }
    return flags
  }
}

/// `--jvm_arg` (repeatable) on create, populate, start and node start.
struct ServerArgumentOptions: ParsableArguments {
  @Option(
    name: .customLong("jvm_arg"), parsing: .unconditionalSingleValue,
    help: "ScyllaDB server flags, as scylla-ccm takes them (\"--smp 2\"; repeatable).")
  var jvmArguments: [String] = []

  /// The flags, with `$SCYLLA_EXT_OPTS` under them when `environment` is given (start reads it).
  func imageFlags(environment: [String: String]? = nil) -> [String: String] {
    let external = environment?["SCYLLA_EXT_OPTS"].map { [$0] } ?? []
    return ServerArguments.flags(external + jvmArguments)
  }
}

extension ServerArgumentOptions {
  /// Records the flags of a start (`--jvm_arg`, `$SCYLLA_EXT_OPTS`) in cluster.conf, or in
  /// `node`'s node.conf, before it runs: a node's flags are fixed when its container is made, so
  /// they stay for later starts too (a changed set re-creates the container).
  func record(for node: String?, global: GlobalOptions, in context: CommandContext) throws {
    let flags = imageFlags(environment: context.environment)
    guard !flags.isEmpty else { return }
    _ = try context.operations(global).modify(nil) { cluster throws(CCMError) in
      guard let node else {
        cluster.conf.containerSettings = ContainerSettings(imageFlags: flags)
        return
      }
      _ = try cluster.node(named: node)
      for index in cluster.nodes.indices where cluster.nodes[index].name == node {
        cluster.nodes[index].containerSettings = ContainerSettings(imageFlags: flags)
      }
    }
  }
}
