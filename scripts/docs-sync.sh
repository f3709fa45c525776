#!/usr/bin/env bash
# Rewrites every code block in README.md, ARCHITECTURE.md and docs/ that quotes a source region
# ("<!-- snippet: path#region -->" above its fence) so that it equals the region again.
# Run it after editing a quoted source; the build's DocSnippetsTest fails while a quote is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
pick_jdk 21
mvn -B -q -ntp -pl aiomisc-examples -am test -Daiomisc.docs.sync=true \
  -Dtest='DocSnippetsTest#everyQuotedBlockEqualsItsRegion' -Dsurefire.failIfNoSpecifiedTests=false >&2
git status --short -- README.md ARCHITECTURE.md docs
