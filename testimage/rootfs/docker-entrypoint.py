#!/bin/sh
# Test node image entrypoint (a shell script at the official image's path). It accepts the
# official flags, then acts as the container's supervisor: starts /usr/bin/scylla, keeps the
# container up while `supervisorctl stop scylla` has it stopped, and exits with the server's
# status when the server dies on its own. Fault knobs (environment):
#   SCYLLA_TEST_IGNORE_SIGTERM=1   ignore SIGTERM (the engine's stop timeout then kills)
#   (server-side knobs: see /usr/bin/scylla)
. /usr/lib/scylla/common.sh

usage() {
  echo "usage: docker-entrypoint.py [-h] [--seeds SEEDS] [--smp SMP] [--memory MEMORY] [--overprovisioned OVERPROVISIONED] [--developer-mode DEVELOPER_MODE] [--listen-address LISTEN_ADDRESS] [--rpc-address RPC_ADDRESS] [--broadcast-address BROADCAST_ADDRESS] [--broadcast-rpc-address BROADCAST_RPC_ADDRESS] [--api-address API_ADDRESS] [--cluster-name CLUSTER_NAME] [--endpoint-snitch ENDPOINT_SNITCH] [--authenticator AUTHENTICATOR] [--authorizer AUTHORIZER] [--experimental EXPERIMENTAL] [--replace-address-first-boot REPLACE_ADDRESS_FIRST_BOOT] [--reserve-memory RESERVE_MEMORY] [--io-setup IO_SETUP] [--disable-version-check]" >&2
}

rm -rf "$STATE"
mkdir -p "$STATE" /var/log/scylla
: >"$STATE/args"
while [ $# -gt 0 ]; do
  flag=$1; shift
  case "$flag" in
    -h | --help) usage; exit 0 ;;
    --disable-version-check) echo "disable-version-check=1" >>"$STATE/args"; continue ;;
    --*=*) name=${flag%%=*}; value=${flag#*=} ;;
    --*) name=$flag
      if [ $# -eq 0 ]; then
        usage; echo "docker-entrypoint.py: error: argument $flag: expected one argument" >&2; exit 2
      fi
      value=$1; shift ;;
    *) usage; echo "docker-entrypoint.py: error: unrecognized arguments: $flag" >&2; exit 2 ;;
  esac
  case "$name" in
    --seeds | --smp | --memory | --overprovisioned | --developer-mode | --listen-address | \
      --rpc-address | --broadcast-address | --broadcast-rpc-address | --api-address | \
      --cluster-name | --endpoint-snitch | --authenticator | --authorizer | --experimental | \
      --replace-address-first-boot | --reserve-memory | --io-setup | --cpuset | \
      --alternator-port | --alternator-https-port | --alternator-address | \
      --alternator-write-isolation)
      echo "${name#--}=$value" >>"$STATE/args" ;;
    *) usage; echo "docker-entrypoint.py: error: unrecognized arguments: $name" >&2; exit 2 ;;
  esac
done

echo "$(date -u '+%Y-%m-%d %H:%M:%S,000') INFO supervisord started with pid $$"

start_server() {
  rm -f "$STATE/stopping" "$STATE/exit"
  /usr/bin/scylla &
  echo $! >"$STATE/scylla.pid"
  echo "$(date -u '+%Y-%m-%d %H:%M:%S,000') INFO spawned: 'scylla' with pid $!"
}

on_term() {
  [ "${SCYLLA_TEST_IGNORE_SIGTERM:-}" = 1 ] && return
  touch "$STATE/stopping"
  pid=$(server_pid)
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do alive "$pid" || break; sleep 0.1; done
  fi
  echo "$(date -u '+%Y-%m-%d %H:%M:%S,000') INFO stopped: scylla (exit status 0)"
  exit 0
}
trap on_term TERM INT

start_server
while :; do
  sleep 0.2 &
  wait $!
  pid=$(server_pid)
  if ! alive "$pid" && [ ! -e "$STATE/stopping" ]; then
    code=$(cat "$STATE/exit" 2>/dev/null || echo 1)
    echo "$(date -u '+%Y-%m-%d %H:%M:%S,000') INFO exited: scylla (exit status $code; not expected)"
    exit "$code"
  fi
done
