#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what the tests need (node readers/Azurite under
# infra/node), builds once in Release, runs every test project, and prints one closing summary line
# "N passed, N failed, N skipped". Services the tests need (Azurite, Orleans silo processes through infra/cluster.sh) are started by the test
# fixtures themselves through the scripts in infra/ and stopped afterwards.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

command -v dotnet >/dev/null || { echo "infra/test.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 2; }
command -v node >/dev/null || { echo "infra/test.sh: node and npm are required (apt-get install nodejs npm)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "infra/test.sh: python3 is required" >&2; exit 2; }

bash infra/install-node-tools.sh
bash infra/install-chromium.sh

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"
if ! dotnet build Pipeline.sln -c Release -nologo -v quiet > "$results/build.log" 2>&1; then
  grep -E "error" "$results/build.log" | sort -u >&2 || cat "$results/build.log" >&2
  echo "infra/test.sh: build failed" >&2; exit 1
fi

status=0
dotnet test Pipeline.sln -c Release --no-build -nologo --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" | tee "$results/test.log" || status=$?

# One closing line summed over the test projects (from the TRX files).
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}ResultSummary/{*}Counters")
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
