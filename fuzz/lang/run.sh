#!/usr/bin/env bash
# Fuzzes the CCMLang front end (lexer + parser + include resolution + checker) with libFuzzer.
#
#   fuzz/lang/run.sh [RUNS] [extra libFuzzer flags…]     (default 1,000,000 runs)
#
# Seeds are the script corpus (Tests/Scripts); new inputs go to .build/fuzz-lang/corpus.
# Fails on a crash, an input slower than 1 s (libFuzzer's unit is whole seconds; the target
# prints each new slowest time in µs), or more than 1 GB of memory.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-1000000}"
shift || true
out=.build/fuzz-lang
mkdir -p "$out/corpus"
# CCMLang imports the shared wait engine, so CCMWait is built first as its own module.
swiftc -sanitize=fuzzer -parse-as-library -O -module-name CCMWait -emit-module \
  -emit-module-path "$out/CCMWait.swiftmodule" -emit-library -static Sources/CCMWait/*.swift \
  -o "$out/libCCMWait.a"
swiftc -sanitize=fuzzer -parse-as-library -O -module-name CCMLang -I "$out" -L "$out" -lCCMWait \
  Sources/CCMLang/*.swift fuzz/lang/FuzzTarget.swift -o "$out/fuzz-lang"
find Tests/Scripts -name '*.ccm' -exec cp {} "$out/corpus/" \;
"$out/fuzz-lang" "$out/corpus" -dict=fuzz/lang/ccm.dict -runs="$runs" -max_len=4096 \
  -timeout=1 -rss_limit_mb=1024 -artifact_prefix="$out/" -print_final_stats=1 "$@"
