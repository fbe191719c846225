import Yams

/// `conf/cassandra.yaml`: the Cassandra-era subset of a node's scylla.yaml that scylla-ccm writes
/// for Java tools (sstableloader and friends), keys in scylla.yaml's order.
enum CassandraYAML {
  /// The keys scylla-ccm keeps (`ScyllaNode.update_yaml`'s Cassandra key list).
  static let keys: Set<String> = [
    "authenticator", "authorizer", "auto_snapshot", "batch_size_warn_threshold_in_kb",
    "batchlog_replay_throttle_in_kb", "broadcast_address", "broadcast_rpc_address",
    "cas_contention_timeout_in_ms", "client_encryption_options", "cluster_name",
    "column_index_size_in_kb", "commit_failure_policy", "commitlog_directory",
    "commitlog_segment_size_in_mb", "commitlog_sync", "commitlog_sync_batch_window_in_ms",
    "commitlog_sync_period_in_ms", "commitlog_total_space_in_mb",
    "compaction_large_partition_warning_threshold_mb", "compaction_throughput_mb_per_sec",
    "concurrent_compactors", "concurrent_counter_writes", "concurrent_reads",
    "concurrent_writes", "counter_cache_keys_to_save", "counter_cache_save_period",
    "counter_cache_size_in_mb", "counter_write_request_timeout_in_ms", "cross_node_timeout",
    "data_file_directories", "disk_failure_policy", "dynamic_snitch_badness_threshold",
    "dynamic_snitch_reset_interval_in_ms", "dynamic_snitch_update_interval_in_ms",
    "endpoint_snitch", "file_cache_size_in_mb", "hinted_handoff_enabled",
    "hinted_handoff_throttle_in_kb", "incremental_backups", "index_summary_capacity_in_mb",
    "index_summary_resize_interval_in_minutes",
    "inter_dc_stream_throughput_outbound_megabits_per_sec", "inter_dc_tcp_nodelay",
    "internode_authenticator", "internode_compression", "key_cache_keys_to_save",
    "key_cache_save_period", "key_cache_size_in_mb", "listen_address", "listen_interface",
    "listen_interface_prefer_ipv6", "max_hint_window_in_ms", "max_hints_delivery_threads",
    "memory_allocator", "memtable_allocation_type", "memtable_cleanup_threshold",
    "memtable_flush_writers", "memtable_heap_space_in_mb", "memtable_offheap_space_in_mb",
    "native_transport_max_concurrent_connections",
    "native_transport_max_concurrent_connections_per_ip",
    "native_transport_max_frame_size_in_mb", "native_transport_max_threads",
    "native_transport_port", "num_tokens", "partitioner", "permissions_validity_in_ms",
    "phi_convict_threshold", "range_request_timeout_in_ms", "read_request_timeout_in_ms",
    "request_scheduler", "request_scheduler_id", "request_scheduler_options",
    "request_timeout_in_ms", "row_cache_keys_to_save", "row_cache_save_period",
    "row_cache_size_in_mb", "rpc_address", "rpc_interface", "rpc_interface_prefer_ipv6",
    "rpc_keepalive", "seed_provider", "server_encryption_options", "snapshot_before_compaction",
    "ssl_storage_port", "sstable_preemptive_open_interval_in_mb", "start_native_transport",
    "start_rpc", "storage_port", "stream_throughput_outbound_megabits_per_sec",
    "streaming_socket_timeout_in_ms", "tombstone_failure_threshold", "tombstone_warn_threshold",
    "trickle_fsync", "trickle_fsync_interval_in_kb", "truncate_request_timeout_in_ms",
    "write_request_timeout_in_ms",
  ]

  /// The subset of `scyllaYAML` under `keys`.
  static func subset(of scyllaYAML: Node.Mapping) -> Node.Mapping {
    Node.Mapping(
      scyllaYAML.filter { $0.key.scalarText.map(keys.contains) ?? false }.map { ($0.key, $0.value) }
    )
  }
}
