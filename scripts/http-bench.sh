#!/usr/bin/env bash
# The HTTP load benchmark (aiomisc-bench io.aiomisc.bench.HttpBench): plaintext GET /hello on a plain Netty HTTP
# server vs HttpServer with an EVENT_LOOP route vs HttpServer with a VIRTUAL route, keep-alive, server and load
# client in two JVMs pinned to CPU 0 and CPU 1, variants interleaved over rounds.
#   scripts/http-bench.sh                 3 rounds x 5 s per variant, 64 connections
#   scripts/http-bench.sh --smoke         1 round x 1 s (CI: proves the runner and every server still work)
#   scripts/http-bench.sh [options]       --rounds N --duration S --warmup S --connections N
#                                         --variants http-netty,http-event-loop,http-virtual
# Builds the benchmark jar first when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
pick_jdk 21

jar=aiomisc-bench/target/benchmarks.jar
. scripts/stale.sh
# Rebuilt when missing or older than any main source or pom: a benchmark must measure the code as it is now.
if is_stale "$jar" aiomisc-*/src/main; then
  mvn -B -q -ntp -DskipTests -pl aiomisc-bench -am package >&2
fi

jvm=(java)
[ -n "$JDK_UNSAFE_FLAG" ] && jvm+=("$JDK_UNSAFE_FLAG")
exec "${jvm[@]}" -cp "$jar" io.aiomisc.bench.HttpBench "$@"
