# Shared by the test node's tools: config reading, addresses, logging, process checks.
# The test node image is a test double for scylladb/scylla; see docs/containers.md.
STATE=/run/scylla
SUP=/run/supervisor
YAML=/etc/scylla/scylla.yaml
RACKDC=/etc/scylla/cassandra-rackdc.properties
NATIVE=/opt/scylladb/testnode/testnode-native
# GENERATION and VERSION of this flavour (written at image build time).
. /opt/scylladb/testnode/flavour
BUILD_ID=0ccb5e5e5c0ffee0ccb5e5e5c0ffee0ccb5e5e5c

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

# A key of a top-level map (client_encryption_options: enabled/certificate/...), quotes stripped.
yaml_sub() {
  awk -v k="$1" -v s="$2" '
    inmap && /^[^ \t#]/ { exit }
    inmap && $0 ~ "^[ \t]+"s":" { sub("^[ \t]+"s":[ \t]*", ""); gsub(/^["'"'"']|["'"'"']$/, ""); print; exit }
    $0 ~ "^"k":" { inmap = 1 }
  ' "$YAML" 2>/dev/null
}

yaml_seeds() {
  awk '/^[ \t-]*seeds:/ { sub(/^[ \t-]*seeds:[ \t]*/, ""); gsub(/["'"'"' ]/, ""); print; exit }' \
    "$YAML" 2>/dev/null
}

rackdc_get() { sed -n "s/^[ \t]*$1[ \t]*=[ \t]*//p" "$RACKDC" 2>/dev/null | head -n 1; }

# The container's own address, as `hostname -i` gives it (the engine's /etc/hosts entry).
own_ip() {
  a=$(hostname -i 2>/dev/null | awk '{ print $1 }')
  case "$a" in
    "" | 127.*) ip -o -4 addr show 2>/dev/null | awk '$2 != "lo" { split($4, a, "/"); print a[1]; exit }' ;;
    *) echo "$a" ;;
  esac
}

# An address that means "this node" resolves to the container's own IP.
resolve_addr() {
  case "$1" in
    "" | localhost | 127.* | 0.0.0.0) own_ip ;;
    *) echo "$1" ;;
  esac
}

# The seeds other than this node, one a line.
other_seeds() {
  for seed in $(echo "$1" | tr ',' ' '); do
    seed=$(resolve_addr "$seed")
    [ "$seed" = "$2" ] || echo "$seed"
  done
}

# ScyllaDB's log line shape on stderr (Seastar's default output stream):
# "INFO  2025-01-01 10:00:00,000 [shard 0:main] init - text".
log() {
  level=$1; shift
  printf '%-5s %s [shard 0:main] %s\n' "$level" "$(date -u '+%Y-%m-%d %H:%M:%S,000')" "$*" >&2
}

# A live, non-zombie process.
alive() {
  [ -n "$1" ] && [ -r "/proc/$1/stat" ] || return 1
  read -r _stat <"/proc/$1/stat" 2>/dev/null || return 1
  _stat=${_stat##*) }
  [ "${_stat%% *}" != Z ]
}

# The running server's pid (the supervisor's program scylla), or nothing.
server_pid() {
  p=$(cat "$STATE/server.pid" 2>/dev/null)
  alive "$p" && echo "$p"
}

# A peer's storage port answers with a live server behind it (a paused or dead one does not):
# the handler replies ACK; the whole exchange is bounded.
peer_alive() {
  [ "$(echo PING | timeout 2 nc -w 1 "$1" "$2" 2>/dev/null)" = ACK ]
}

port_open() { timeout 2 nc -w 1 "$1" "$2" </dev/null >/dev/null 2>&1; }

# Fetches a REST path from a node; busybox 1.35 `wget -T` segfaults, so `timeout` bounds it.
rest_get() { timeout 2 wget -qO- "http://$1:$2$3" 2>/dev/null; }
