# Shared by the test node's tools: config reading, addresses, logging, process checks.
# The test node image is a test double for scylladb/scylla; see docs/containers.md.
STATE=/run/scylla
YAML=/etc/scylla/scylla.yaml
RACKDC=/etc/scylla/cassandra-rackdc.properties
VERSION=2025.1.0-0.20250101.ccmsh0test
BUILD_ID=0ccb5e5e5c0ffee0ccb5e5e5c0ffee0ccb5e5e5c
LOGFILE=/var/log/scylla/scylla-server.log

# Top-level scalar from scylla.yaml, quotes stripped.
yaml_get() {
  awk -v k="$1" '$0 ~ "^"k":" { sub("^"k":[ \t]*", ""); gsub(/^["'"'"']|["'"'"']$/, ""); print; exit }' \
    "$YAML" 2>/dev/null
}

# A list key from scylla.yaml, inline ([a, b]) or block (- a), one item a line.
yaml_list() {
  awk -v k="$1" '
    inlist && /^[ \t]*-/ { sub(/^[ \t]*-[ \t]*/, ""); gsub(/["'"'"']/, ""); print; next }
    inlist { exit }
    $0 ~ "^"k":" { sub("^"k":[ \t]*", ""); if ($0 == "") { inlist = 1; next }
      gsub(/[\[\]"'"'"' ]/, ""); n = split($0, a, ","); for (i = 1; i <= n; i++) print a[i]; exit }
  ' "$YAML" 2>/dev/null
}

yaml_seeds() {
  awk '/^[ \t-]*seeds:/ { sub(/^[ \t-]*seeds:[ \t]*/, ""); gsub(/["'"'"' ]/, ""); print; exit }' \
    "$YAML" 2>/dev/null
}

rackdc_get() { sed -n "s/^[ \t]*$1[ \t]*=[ \t]*//p" "$RACKDC" 2>/dev/null | head -n 1; }

# The container's own address: the first global IPv4 address.
own_ip() {
  ip -o -4 addr show 2>/dev/null | awk '$2 != "lo" { split($4, a, "/"); print a[1]; exit }'
}

# An address that means "unset" resolves to the container's own IP, as the official image does.
resolve_addr() {
  case "$1" in
    "" | localhost | 127.* | 0.0.0.0) own_ip ;;
    *) echo "$1" ;;
  esac
}

# The seeds other than this node, resolved like the node's own addresses, one a line.
other_seeds() {
  for seed in $(echo "$1" | tr ',' ' '); do
    seed=$(resolve_addr "$seed")
    [ "$seed" = "$2" ] || echo "$seed"
  done
}

# Saved entrypoint flag value (--name), from $STATE/args written by /docker-entrypoint.py.
arg_get() { sed -n "s/^$1=//p" "$STATE/args" 2>/dev/null | tail -n 1; }

load_config() {
  CLUSTER_NAME=$(arg_get cluster-name); [ -n "$CLUSTER_NAME" ] || CLUSTER_NAME=$(yaml_get cluster_name)
  LISTEN=$(arg_get listen-address); [ -n "$LISTEN" ] || LISTEN=$(yaml_get listen_address)
  LISTEN=$(resolve_addr "$LISTEN")
  RPC=$(arg_get rpc-address); [ -n "$RPC" ] || RPC=$(yaml_get rpc_address)
  RPC=$(resolve_addr "$RPC")
  CQL_PORT=$(yaml_get native_transport_port); CQL_PORT=${CQL_PORT:-9042}
  STORAGE_PORT=$(yaml_get storage_port); STORAGE_PORT=${STORAGE_PORT:-7000}
  API_PORT=$(yaml_get api_port); API_PORT=${API_PORT:-10000}
  NUM_TOKENS=$(yaml_get num_tokens); NUM_TOKENS=${NUM_TOKENS:-256}
  SEEDS=$(arg_get seeds); [ -n "$SEEDS" ] || SEEDS=$(yaml_seeds)
  DATA_DIRS=$(yaml_list data_file_directories); DATA_DIRS=${DATA_DIRS:-/var/lib/scylla/data}
  DATA_DIR=$(echo "$DATA_DIRS" | head -n 1)
  COMMITLOG_DIR=$(yaml_get commitlog_directory)
  HINTS_DIR=$(yaml_get hints_directory)
  VIEW_HINTS_DIR=$(yaml_get view_hints_directory)
  SAVED_CACHES_DIR=$(yaml_get saved_caches_directory)
  DC=$(rackdc_get dc); DC=${DC:-datacenter1}
  RACK=$(rackdc_get rack); RACK=${RACK:-rack1}
}

# ScyllaDB's log line shape: "INFO  2025-01-01 10:00:00,000 [shard 0:main] init - text".
log() {
  level=$1; shift
  line=$(printf '%-5s %s [shard 0:main] %s' "$level" "$(date -u '+%Y-%m-%d %H:%M:%S,000')" "$*")
  echo "$line"
  echo "$line" >>"$LOGFILE" 2>/dev/null || true
}

# A live, non-zombie process.
alive() {
  [ -n "$1" ] && [ -r "/proc/$1/stat" ] || return 1
  [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

server_pid() { cat "$STATE/scylla.pid" 2>/dev/null; }

port_open() { nc -w 1 "$1" "$2" </dev/null >/dev/null 2>&1; }

# Fetches a REST path from a node; busybox 1.35 `wget -T` segfaults, so `timeout` bounds it.
rest_get() { timeout 2 wget -qO- "http://$1:$2$3" 2>/dev/null; }
