# Sourced by the scripts that run a built artifact: is_stale ARTIFACT DIR... succeeds when ARTIFACT is missing,
# or when a file under one of the DIRs, or a pom.xml of the project, is newer than it (then it must be rebuilt).
is_stale() {
  local artifact=$1 dir
  shift
  [ -e "$artifact" ] || return 0
  for dir in "$@" pom.xml */pom.xml; do
    [ -e "$dir" ] || continue
    if [ -n "$(find "$dir" -newer "$artifact" -type f -print -quit)" ]; then return 0; fi
  done
  return 1
}
