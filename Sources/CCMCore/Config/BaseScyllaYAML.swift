import Foundation
import Yams

/// Where a node's scylla.yaml starts from.
///
/// 1. An install-dir cluster: `<install_dir>/conf/scylla.yaml` (as scylla-ccm).
/// 2. A container cluster: `<cluster dir>/base-scylla.yaml`, the image's default config. It is
///    given at create (a file or its contents); extracting it from the image comes with the
///    container-cluster work, which only has to write that file.
/// 3. Otherwise the built-in minimal default below, which mirrors the keys of Scylla's shipped
///    scylla.yaml that ccm's rules touch. Scylla fills in every other setting with its default.
enum BaseScyllaYAML {
  /// File name of a container cluster's base config inside the cluster directory.
  static let clusterFileName = "base-scylla.yaml"

  /// The built-in base used when no other is available.
  static let builtInDefault = """
    cluster_name: 'Test Cluster'
    num_tokens: 256
    data_file_directories:
    - /var/lib/scylla/data
    commitlog_directory: /var/lib/scylla/commitlog
    commitlog_sync: periodic
    commitlog_sync_period_in_ms: 10000
    commitlog_segment_size_in_mb: 32
    seed_provider:
    - class_name: org.apache.cassandra.locator.SimpleSeedProvider
      parameters:
      - seeds: 127.0.0.1
    listen_address: localhost
    native_transport_port: 9042
    read_request_timeout_in_ms: 5000
    write_request_timeout_in_ms: 2000
    endpoint_snitch: SimpleSnitch
    rpc_address: localhost
    api_port: 10000
    api_address: 127.0.0.1
    partitioner: org.apache.cassandra.dht.Murmur3Partitioner

    """

  /// The base mapping for `cluster`, restyled as PyYAML would write it (see
  /// `Node.pyYAMLStyled`); errors name the file that is missing or malformed.
  static func load(for cluster: Cluster) throws(CCMError) -> Node.Mapping {
    let base = try loadAsWritten(for: cluster)
    return Node.mapping(base).pyYAMLStyled.mapping ?? base
  }

  private static func loadAsWritten(for cluster: Cluster) throws(CCMError) -> Node.Mapping {
    if let installDirectory = cluster.conf.installDirectory, !installDirectory.isEmpty {
      return try YAMLFile.readMapping(installDirectory + "/conf/scylla.yaml")
    }
    let clusterBase = cluster.directory + "/" + clusterFileName
    if FileManager.default.fileExists(atPath: clusterBase) {
      return try YAMLFile.readMapping(clusterBase)
    }
    return try YAMLFile.parseMapping(builtInDefault, file: "<built-in scylla.yaml>")
  }
}
