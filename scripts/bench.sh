#!/usr/bin/env bash
# Runs the JMH suite with a JDK >= 21, building the benchmark jar first if it is missing or stale.
#   scripts/bench.sh                   every benchmark at report settings (-f 2 -wi 3 -i 5)
#   scripts/bench.sh --smoke           every benchmark once: one fork, no warm-up, one short iteration
#   scripts/bench.sh [JMH args...]     anything else is passed to JMH (e.g. a benchmark regex, -rf json)
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
append=()
[ -n "$JDK_UNSAFE_FLAG" ] && append=(-jvmArgsAppend "$JDK_UNSAFE_FLAG")

if [ "${1:-}" = "--smoke" ]; then
  shift
  # A smoke run measures nothing, so it may share the machine with another JMH run.
  exec "${jvm[@]}" -Djmh.ignoreLock=true -jar "$jar" -foe true -f 1 -wi 0 -i 1 -r 1s "${append[@]}" "$@"
elif [ $# -eq 0 ]; then
  exec "${jvm[@]}" -jar "$jar" -foe true -f 2 -wi 3 -w 2s -i 5 -r 2s "${append[@]}"
else
  exec "${jvm[@]}" -jar "$jar" "${append[@]}" "$@"
fi
