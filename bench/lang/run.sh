#!/usr/bin/env bash
# Benchmarks CCMLang (release build of Sources/CCMLang plus bench/lang/Bench.swift):
#   1. parse + check a generated 10,000-line script   (target ≤ 100 ms)
#   2. evaluate `let x = 0; for i in 1..1000000 { set x = x + i }`   (target ≤ 1 s)
# Prints the median of several runs of each.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build/bench-lang
mkdir -p "$out"
# CCMLang imports the shared wait engine, so CCMWait is built first as its own module.
swiftc -O -parse-as-library -module-name CCMWait -emit-module -emit-module-path "$out/CCMWait.swiftmodule" \
  -emit-library -static Sources/CCMWait/*.swift -o "$out/libCCMWait.a"
swiftc -O -parse-as-library -module-name CCMLang -I "$out" -L "$out" -lCCMWait \
  Sources/CCMLang/*.swift bench/lang/Bench.swift -o "$out/bench-lang"
"$out/bench-lang"
