#!/usr/bin/env bash
# Benchmark and drill (not a test): the national data set on a local cluster of two silos (issue 13: "no healthy silo
# is evicted during a national run on two silos"). Both silos use every core, so units starve each other of CPU for
# minutes: exactly when a silo whose own timers and liveness probes ran inside long grain turns would miss its probes.
#
#   bash bench/national-silos.sh [SILOS [PRESET]]     default 2 silos, the national preset (`region` for a quick check)
#
# Prints the run's stage times, the wall time, units per silo, each silo's peak RSS, and the silos the membership
# table (Azure Table OrleansSiloInstances in the cluster's Azurite) declares dead — none is expected; exits 1 if any
# silo was declared dead or a silo process ended. Data: bench/.data/national (generated once, as bench/national.sh
# does); output: bench/.data/out-national-silos (removed at the end, as are the cluster and its Azurite).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
silos="${1:-2}"
preset="${2:-national}"
data="$root/bench/.data/$preset"
out="$root/bench/.data/out-national-silos"
export CLUSTER_STATE_DIR="$root/bench/.data/cluster-national"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
pipeline() { dotnet client/Pipeline.Client/bin/Release/net10.0/pipeline.dll "$@"; }

dotnet build client/Pipeline.Client -c Release -nologo -v quiet >/dev/null
dotnet build silo/Pipeline.SiloHost -c Release -nologo -v quiet >/dev/null
seed=(); [ "$preset" = region ] && seed=(--seed 42) # as bench/silos.sh generates it
if [ ! -f "$data/.complete" ]; then rm -rf "$data"; pipeline generate --preset "$preset" "${seed[@]}" --output "$data"; touch "$data/.complete"; fi
rm -rf "$out" "$CLUSTER_STATE_DIR"
cleanup() { [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null; bash infra/cluster.sh stop 2>/dev/null || true; rm -rf "$out"; }
trap cleanup EXIT

# The export lines carry the cluster's storage connection string: kept in the environment, never in a file.
exports="$(bash infra/cluster.sh start "$silos")"
eval "$exports"
mapfile -t pids < <(bash infra/cluster.sh pids)

# Peak RSS of each silo, sampled every second (VmHWM is per process and survives until it exits).
( while sleep 1; do for p in "${pids[@]}"; do grep -s VmHWM "/proc/$p/status" | awk -v p="$p" '{print p, $2}'; done > "$CLUSTER_STATE_DIR/hwm.tmp" && mv "$CLUSTER_STATE_DIR/hwm.tmp" "$CLUSTER_STATE_DIR/hwm"; done ) &
sampler=$!

echo "cores: $(nproc); silos: $silos; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
t0=$(date +%s.%N)
status=0
pipeline run --cluster --input "$data" --output "$out" --run-id "$preset" --plain > "$root/bench/.data/national-silos.log" 2>&1 || status=$?
t1=$(date +%s.%N)
sleep 1.5
grep -E "\] (\w+): done in|units per silo|coordinator|lost \(" "$root/bench/.data/national-silos.log" | cut -c1-200 || true
[ "$status" -eq 0 ] || { echo "bench/national-silos.sh: the run failed ($status); last lines:" >&2; tail -n 30 "$root/bench/.data/national-silos.log" >&2; exit 1; }

python3 - "$t0" "$t1" "$CLUSTER_STATE_DIR" "$AZURE_STORAGE_CONNECTION_STRING" "$PIPELINE_Cluster__ClusterId" "${pids[@]}" <<'PY'
import base64, datetime, hmac, hashlib, json, os, re, sys, urllib.request
t0, t1, state, conn, cluster, pids = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:]
parts = dict(p.split("=", 1) for p in conn.strip(";").split(";"))
account, key, endpoint = parts["AccountName"], base64.b64decode(parts["AccountKey"]), parts["TableEndpoint"].rstrip("/")
date = datetime.datetime.now(datetime.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")
resource = f"/{account}/{account}/OrleansSiloInstances()"
signature = base64.b64encode(hmac.new(key, f"{date}\n{resource}".encode(), hashlib.sha256).digest()).decode()
request = urllib.request.Request(f"{endpoint}/OrleansSiloInstances()", headers={
    "x-ms-date": date, "x-ms-version": "2019-02-02", "Accept": "application/json;odata=nometadata",
    "Authorization": f"SharedKeyLite {account}:{signature}"})
rows = [r for r in json.load(urllib.request.urlopen(request))["value"] if r.get("PartitionKey") == cluster and r.get("SiloName")]
hwm = {}
if os.path.exists(f"{state}/hwm"):
    for line in open(f"{state}/hwm"):
        p, kb = line.split(); hwm[p] = int(kb) / 2**20
alive = [p for p in pids if os.path.exists(f"/proc/{p}")]
print(f"\nwall {t1 - t0:.1f} s (the client command, submit to published)")
print("| silo | status in the membership table | peak RSS (GiB) |\n|---|---|---:|")
for n, p in enumerate(pids, 1):
    row = next((r for r in rows if r.get("SiloName") == f"silo-{n}"), {})
    print(f"| silo-{n} (pid {p}) | {row.get('Status', '?')} | {hwm.get(p, float('nan')):.2f} |")
dead = [r["SiloName"] for r in rows if r.get("Status") == "Dead"]
if dead or len(alive) != len(pids):
    print(f"\nEVICTED or ended: dead in the table {dead}, processes alive {len(alive)} of {len(pids)}")
    sys.exit(1)
print("\nno silo was declared dead; every silo process is alive")
PY
