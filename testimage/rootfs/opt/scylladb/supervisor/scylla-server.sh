#!/bin/sh
# The supervisor's scylla program: the server with the fixed arguments and those the
# entrypoint wrote to /etc/scylla.d/*.conf (developer mode, cpuset, io, docker.conf).
. /etc/sysconfig/scylla-server
for f in /etc/scylla.d/*.conf; do
  [ -r "$f" ] && . "$f"
done
# Word splitting of the collected arguments is intended (as the official script does).
# shellcheck disable=SC2086
exec /usr/bin/env SCYLLA_HOME="$SCYLLA_HOME" SCYLLA_CONF="$SCYLLA_CONF" /usr/bin/scylla \
  $SCYLLA_ARGS $SEASTAR_IO $DEV_MODE $CPUSET $SCYLLA_DOCKER_ARGS
