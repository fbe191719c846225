#!/bin/sh
# Test node image: the node exporter program only stays up (no metrics are served).
exec sleep 2147483647
