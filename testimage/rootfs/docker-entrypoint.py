#!/bin/sh
# Test node image entrypoint (a shell script at the official image's path). Parses its
# generation's flags the way argparse's parse_known_args does (prefixes of its own flags,
# choices, append; anything else is passed on to the server), prepares /etc/scylla.d as the
# official setup does (the server's command line addresses win over scylla.yaml), then execs
# the supervisor.
. /opt/scylladb/testnode/common.sh

# name:dest:kind  (kind: value, choice01, append, switch). 2025.1 and later, then 2025.4's.
FLAGS="developer-mode:developerMode:choice01 experimental-features:EXPERIMENTAL_FEATURES:append
seeds:SEEDS:value cpuset:CPUSET:value smp:SMP:value memory:MEMORY:value
reserve-memory:reserveMemory:value overprovisioned:overprovisioned:choice01
io-setup:io_setup:choice01 listen-address:listenAddress:value rpc-address:rpcAddress:value
broadcast-address:broadcastAddress:value broadcast-rpc-address:broadcastRpcAddress:value
api-address:apiAddress:value alternator-address:alternatorAddress:value
alternator-port:alternatorPort:value alternator-https-port:alternatorHttpsPort:value
alternator-write-isolation:alternatorWriteIsolation:value
disable-version-check:disable_housekeeping:switch authenticator:authenticator:value
authorizer:authorizer:value cluster-name:clusterName:value endpoint-snitch:endpointSnitch:value
replace-node-first-boot:replaceNodeFirstBoot:value
replace-address-first-boot:replaceAddressFirstBoot:value"
case "$GENERATION" in
  2025.1) ;;
  *) FLAGS="$FLAGS dc:dc:value rack:rack:value blocked-reactor-notify-ms:blocked_reactor_notify_ms:value" ;;
esac

usage() {
  line="usage: docker-entrypoint.py [-h]"
  for f in $FLAGS; do
    name=${f%%:*}; rest=${f#*:}; dest=${rest%%:*}; kind=${rest#*:}
    case "$kind" in
      switch) line="$line [--$name]" ;;
      choice01) line="$line [--$name {0,1}]" ;;
      *) line="$line [--$name $(echo "$dest" | tr 'a-z-' 'A-Z_')]" ;;
    esac
  done
  echo "$line"
}
fail() { usage >&2; echo "docker-entrypoint.py: error: $*" >&2; exit 2; }

# The flag `--$1` stands for: itself, else the one flag it is a prefix of; empty when unknown.
resolve() {
  matches=""
  for f in help:help:switch $FLAGS; do
    name=${f%%:*}
    [ "$name" = "$1" ] && { echo "$f"; return; }
    case "$name" in "$1"*) matches="$matches $f" ;; esac
  done
  set -- $matches
  [ $# -le 1 ] && { echo "${1:-}"; return; }
  list=""
  for f in "$@"; do list="$list${list:+, }--${f%%:*}"; done
  echo "ambiguous:$list"
}

setv() { eval "V_$(echo "$1" | tr - _)=\$2"; }
getv() { eval "printf '%s' \"\${V_$(echo "$1" | tr - _)-}\""; }

extra=""
features=""
while [ $# -gt 0 ]; do
  arg=$1; shift
  case "$arg" in
    --) extra="$extra $*"; break ;;
    -h) usage; exit 0 ;;
    --*=*) key=${arg%%=*}; key=${key#--}; value=${arg#*=}; explicit=yes ;;
    --?*) key=${arg#--}; value=""; explicit=no ;;
    *) extra="$extra $arg"; continue ;;
  esac
  f=$(resolve "$key")
  case "$f" in
    "") extra="$extra $arg"; continue ;;
    ambiguous:*) fail "ambiguous option: --$key could match ${f#ambiguous:}" ;;
  esac
  name=${f%%:*}; kind=${f##*:}
  case "$kind" in
    switch)
      [ $explicit = yes ] && fail "argument --$name: ignored explicit argument '$value'"
      [ "$name" = help ] && { usage; exit 0; }
      setv "$name" 1; continue ;;
  esac
  if [ $explicit = no ]; then
    case "${1-}" in
      -[0-9]*) ;;
      -*) fail "argument --$name: expected one argument" ;;
    esac
    [ $# -gt 0 ] || fail "argument --$name: expected one argument"
    value=$1; shift
  fi
  case "$kind" in
    choice01) case "$value" in 0 | 1) ;; *)
      fail "argument --$name: invalid choice: '$value' (choose from '0', '1')" ;; esac ;;
    append) features="$features $value" ;;
  esac
  setv "$name" "$value"
done

failed() {
  echo "failed!"
  echo "Traceback (most recent call last):"
  echo "RuntimeError: $*"
  exit 0
}
running() { echo "running: (['$(echo "$*" | sed "s/ /', '/g")'],)"; }

dev=$(getv developer-mode); dev=${dev:-1}
running /opt/scylladb/scripts/scylla_dev_mode_setup --developer-mode "$dev"
if [ "$dev" = 1 ]; then
  echo 'DEV_MODE="--developer-mode=1"' >/etc/scylla.d/dev-mode.conf || failed "cannot write /etc/scylla.d"
else
  : >/etc/scylla.d/dev-mode.conf || failed "cannot write /etc/scylla.d"
fi
cpuset=$(getv cpuset)
if [ -n "$cpuset" ]; then
  running /opt/scylladb/scripts/scylla_cpuset_setup --cpuset "$cpuset"
  echo "CPUSET=\"--cpuset $cpuset\"" >/etc/scylla.d/cpuset.conf
fi
workdir=$(yaml_get workdir); workdir=${workdir:-/var/lib/scylla}
data=$(yaml_list data_file_directories | head -n 1); data=${data:-$workdir/data}
mkdir -p "$data" 2>/dev/null || failed "[Errno 13] Permission denied: '$data'"
[ "$(getv io-setup)" = 0 ] || running /opt/scylladb/scripts/scylla_io_setup
# The container's own address. A container started while cut off from every network (ccmsh's
# partition across a start) has none: then the yaml's specific listen_address stands in, where
# the official entrypoint would fail to resolve its hostname (a known difference).
self_ip=$(own_ip)
if [ -z "$self_ip" ]; then
  case "$(yaml_get listen_address)" in
    "" | localhost | 127.* | 0.0.0.0) ;;
    *) self_ip=$(yaml_get listen_address) ;;
  esac
fi
listen=$(getv listen-address)
rpc=$(getv rpc-address)
host=${rpc:-${listen:-$self_ip}}
running mkdir -p "$HOME/.cassandra"
{ mkdir -p "$HOME/.cassandra" && printf '[connection]\nhostname = %s\n' "$host" \
  >"$HOME/.cassandra/cqlshrc"; } 2>/dev/null || failed "[Errno 13] Permission denied: '$HOME/.cassandra'"

# 2025.4: --dc/--rack write cassandra-rackdc.properties, refused when it is under a mount.
dc=$(getv dc); rack=$(getv rack)
if [ -n "$dc$rack" ]; then
  snitch=$(getv endpoint-snitch); snitch=${snitch:-GossipingPropertyFileSnitch}
  setv endpoint-snitch "$snitch"
  [ "$snitch" = GossipingPropertyFileSnitch ] || failed "Cannot use dc and rack parameters together with endpoint snitch '$snitch'. The dc and rack parameters are only supported with the endpoint snitch 'GossipingPropertyFileSnitch'."
  if awk -v p="$RACKDC" '$5 != "/" && (p == $5 || index(p, $5 "/") == 1) { found = 1 } END { exit !found }' /proc/self/mountinfo; then
    failed "Cannot write $RACKDC: file is a bind mount. The dc and rack parameters cannot be used when this file is mounted from the host."
  fi
  printf 'dc=%s\nrack=%s\n' "${dc:-datacenter1}" "${rack:-rack1}" >"$RACKDC" || failed "cannot write $RACKDC"
fi

# The server's arguments, as scyllasetup.py builds SCYLLA_DOCKER_ARGS.
args=""
add() { [ -n "$2" ] && args="$args --$1 $2"; }
add memory "$(getv memory)"
add reserve-memory "$(getv reserve-memory)"
add smp "$(getv smp)"
over=$(getv overprovisioned)
if [ "$over" = 1 ] || { [ -z "$over" ] && [ -z "$cpuset" ]; }; then args="$args --overprovisioned"; fi
listen=${listen:-$self_ip}
rpc=${rpc:-$listen}
alternator=$(getv alternator-address); alternator=${alternator:-$listen}
seeds=$(getv seeds)
broadcast=$(getv broadcast-address)
[ -n "$seeds" ] || seeds=${broadcast:-$listen}
args="$args --listen-address $listen --rpc-address $rpc --seed-provider-parameters seeds=$seeds"
add broadcast-address "$broadcast"
add broadcast-rpc-address "$(getv broadcast-rpc-address)"
add api-address "$(getv api-address)"
add alternator-address "$alternator"
add alternator-port "$(getv alternator-port)"
add alternator-https-port "$(getv alternator-https-port)"
add alternator-write-isolation "$(getv alternator-write-isolation)"
add authenticator "$(getv authenticator)"
add authorizer "$(getv authorizer)"
for feature in $features; do args="$args --experimental-features $feature"; done
add cluster-name "$(getv cluster-name)"
add endpoint-snitch "$(getv endpoint-snitch)"
replace_node=$(getv replace-node-first-boot)
if [ -n "$replace_node" ]; then add replace-node-first-boot "$replace_node"
else add replace-address-first-boot "$(getv replace-address-first-boot)"; fi
case "$GENERATION" in
  2025.1) args="$args --blocked-reactor-notify-ms 999999999" ;;
  *) b=$(getv blocked-reactor-notify-ms); args="$args --blocked-reactor-notify-ms ${b:-25}" ;;
esac
echo "SCYLLA_DOCKER_ARGS=\"${args# }$extra\"" >/etc/scylla.d/docker.conf || failed "cannot write /etc/scylla.d/docker.conf"
check=True
[ -n "$(getv disable-version-check)" ] && check=False
printf '[housekeeping]\ncheck-version: %s\n' "$check" >/etc/scylla.d/housekeeping.cfg

exec /usr/bin/supervisord -c /etc/supervisord.conf
