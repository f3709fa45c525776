#!/usr/bin/env bash
# The main job: the demo application (aiomisc-examples' DemoApplication) with a JDK >= 21, built first if needed.
# One entrypoint with a TCP echo service, an HTTP service, a periodic and a cron service, logging in colour.
# It runs until Ctrl+C and then stops gracefully, printing how long the stop took.
#   scripts/demo.sh                                 HTTP on 127.0.0.1:8080, TCP echo on 127.0.0.1:8081
#   scripts/demo.sh -Ddemo.http.port=0 -Ddemo.tcp.port=0    unused ports, printed at start
# Try: curl localhost:8080/ ; curl localhost:8080/status ; curl localhost:8080/ready ; nc localhost 8081
set -euo pipefail
cd "$(dirname "$0")/.."
jvm_props=()
for arg in "$@"; do
  case "$arg" in
    -D*) jvm_props+=("$arg") ;;
    *) echo "unknown argument: $arg (only -Dname=value system properties are accepted)" >&2; exit 2 ;;
  esac
done
export EXAMPLE_MAIN=io.aiomisc.examples.DemoApplication
# One option per line, so a value may hold spaces.
EXAMPLE_JVM_ARGS=$(printf '%s\n' "${jvm_props[@]+"${jvm_props[@]}"}")
export EXAMPLE_JVM_ARGS
exec scripts/example.sh
