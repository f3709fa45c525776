# Sourced by the other scripts: selects a JDK >= $1 (default 21) and exports JAVA_HOME and PATH.
# Honours a JAVA_HOME that is new enough; otherwise takes the newest JDK under /usr/lib/jvm, /opt/java or /opt/jdk*.
# The machine's default java may be older (17): Maven itself then runs on the JDK picked here.

jdk_major() {
  local d=$1 v=""
  [ -x "$d/bin/javac" ] || return 0
  [ -r "$d/release" ] && v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$d/release")
  [ -n "$v" ] || v=$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  v=${v#1.}
  echo "${v%%[.+-]*}"
}

pick_jdk() {
  local min=${1:-21} best="" bestv=0 d m
  if [ -n "${JAVA_HOME:-}" ]; then
    m=$(jdk_major "$JAVA_HOME")
    if [ -n "$m" ] && [ "$m" -ge "$min" ]; then best=$JAVA_HOME; bestv=$m; fi
  fi
  if [ -z "$best" ]; then
    for d in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
      [ -d "$d" ] || continue
      d=$(readlink -f "$d")
      m=$(jdk_major "$d")
      [ -n "$m" ] || continue
      if [ "$m" -ge "$min" ] && [ "$m" -gt "$bestv" ]; then best=$d; bestv=$m; fi
    done
  fi
  if [ -z "$best" ]; then
    echo "no JDK >= $min found (looked at JAVA_HOME, /usr/lib/jvm, /opt); install one and set JAVA_HOME" >&2
    return 1
  fi
  export JAVA_HOME=$best PATH="$best/bin:$PATH"
  JDK_MAJOR=$bestv
  # JDK 23+ warns about sun.misc.Unsafe used by Maven's guava and by JCTools; the flag does not exist before 23.
  JDK_UNSAFE_FLAG=""
  if [ "$bestv" -ge 23 ]; then
    JDK_UNSAFE_FLAG="--sun-misc-unsafe-memory-access=allow"
    export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }$JDK_UNSAFE_FLAG"
  fi
  echo "using JAVA_HOME=$JAVA_HOME (Java $bestv)" >&2
}
