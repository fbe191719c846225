#!/bin/sh
# Test node image: the housekeeping program only stays up (no version check: no network).
exec sleep 2147483647
