#!/usr/bin/env bash
# Runs one of the tutorial's programs (aiomisc-examples) by name with a JDK >= 21, building the module first when
# its jar is missing or older than its sources.
#   scripts/example.sh              lists the examples
#   scripts/example.sh <name> ...   runs the example, passing it the remaining arguments
# EXAMPLE_MAIN=<class> runs another main class of the module instead of the launcher (scripts/demo.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
pick_jdk 21 2>/dev/null || pick_jdk 21

. scripts/stale.sh

module=aiomisc-examples
jar=$(ls "$module"/target/aiomisc-examples-*.jar 2>/dev/null | head -n 1 || true)
stale=""
# Any source of the examples or of a module they use, or a pom, newer than the jar means a rebuild.
if [ -z "$jar" ] || [ ! -d "$module/target/lib" ] || is_stale "$jar" "$module"/src/main aiomisc-core/src/main \
    aiomisc-threads/src/main aiomisc-log/src/main aiomisc-services-tcp/src/main aiomisc-services-http/src/main; then
  stale=yes
fi
if [ -n "$stale" ]; then
  echo "building $module ..." >&2
  mvn -B -q -ntp -DskipTests -pl "$module" -am package >&2
  jar=$(ls "$module"/target/aiomisc-examples-*.jar | head -n 1)
fi

jvm=(java)
[ -n "$JDK_UNSAFE_FLAG" ] && jvm+=("$JDK_UNSAFE_FLAG")
# The tutorial greets with emoji: write UTF-8 whatever the locale says.
jvm+=(-Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8)
# Netty's native transports: their jars hold only the .so and must be resolved explicitly on the module path.
natives=()
for m in epoll io_uring; do
  if ls "$module"/target/lib/netty-transport-native-"$m"-*-linux-x86_64.jar >/dev/null 2>&1; then
    natives+=("io.netty.transport.$m.linux.x86_64")
  fi
done
if [ ${#natives[@]} -gt 0 ] && [ "$(uname -m)" = x86_64 ]; then
  jvm+=(--enable-native-access=io.netty.common --add-modules "$(IFS=,; echo "${natives[*]}")")
fi
# EXAMPLE_JVM_ARGS: extra JVM options (system properties) for the program, one per line.
if [ -n "${EXAMPLE_JVM_ARGS:-}" ]; then
  mapfile -t extra <<< "$EXAMPLE_JVM_ARGS"
  for option in "${extra[@]}"; do
    [ -n "$option" ] && jvm+=("$option")
  done
fi
exec "${jvm[@]}" -p "$jar:$module/target/lib" -m "io.aiomisc.examples/${EXAMPLE_MAIN:-io.aiomisc.examples.Examples}" "$@"
