#!/usr/bin/env bash
# The project's test command, run by CI as is (.ci/run). On a fresh machine it needs only Maven and a JDK >= 21
# somewhere under /usr/lib/jvm or /opt (the machine's default java may be 17).
#   1. builds every module and runs its tests on the module path, and installs the artifacts locally;
#   2. builds a consumer project that imports the BOM and names modules without versions;
#   3. runs every JMH benchmark and the TCP and HTTP load runners once at smoke settings, so none rots.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
pick_jdk 21

# Reports of test classes since renamed or deleted would otherwise count in the closing totals.
rm -rf ./*/target/surefire-reports
mvn -B -ntp install

echo "== BOM consumer: resolves aiomisc modules by the BOM alone =="
mvn -B -ntp -q -f tests/bom-consumer/pom.xml verify

echo "== JMH smoke run of every benchmark =="
scripts/bench.sh --smoke

echo "== TCP and HTTP load runners, smoke mode =="
scripts/tcp-bench.sh --smoke
scripts/http-bench.sh --smoke

# One closing line with the totals of every surefire report.
python3 - <<'PY' 2>/dev/null || true
import glob, xml.etree.ElementTree as ET
t = f = e = s = 0
for p in glob.glob('*/target/surefire-reports/TEST-*.xml'):
    r = ET.parse(p).getroot()
    t += int(r.get('tests', 0)); f += int(r.get('failures', 0)); e += int(r.get('errors', 0)); s += int(r.get('skipped', 0))
print(f"tests: {t - f - e - s} passed, {f + e} failed, {s} skipped")
PY
