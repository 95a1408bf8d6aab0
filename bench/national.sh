#!/usr/bin/env bash
# The main job's benchmark (issue 8). Generates a preset once (cached in bench/.data/PRESET), runs the embedded
# pipeline on it under GNU time, and prints wall time per stage, peak RSS, firms/s and bytes written. Then, on the
# `region` preset, the user's alternative — an igraph script looping over clusters for the metrics igraph has
# (bench/igraph/region_clusters.py) — side by side with our whole run, with the ratio.
# Usage: bash bench/national.sh [PRESET]       (default national; `region` for a quick check)
#        SKIP_IGRAPH=1 bash bench/national.sh  (main run only)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset="${1:-national}"
data="$root/bench/.data"; mkdir -p "$data"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v /usr/bin/time >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
dotnet build "$root/client/Pipeline.Client" -c Release -nologo -v quiet >/dev/null
cli=(dotnet "$root/client/Pipeline.Client/bin/Release/net10.0/pipeline.dll")

generate() {   # generate PRESET once
  local p="$1"
  if [ ! -f "$data/$p/.complete" ]; then
    rm -rf "$data/$p"
    "${cli[@]}" generate --preset "$p" --output "$data/$p"
    touch "$data/$p/.complete"
  fi
}

sample_rss() { # sample_rss TIME_PID FILE: every 1 s, seconds since start and VmRSS (KiB) of GNU time's child (the pipeline)
  local start=$SECONDS pid=""
  : >"$2"
  while kill -0 "$1" 2>/dev/null; do
    [ -n "$pid" ] || pid="$(pgrep -P "$1" || true)"
    [ -n "$pid" ] && awk -v t=$((SECONDS - start)) '/^VmRSS/ { print t, $2 }' "/proc/$pid/status" >>"$2" 2>/dev/null || true
    sleep 1
  done
}

measure() {    # measure PRESET [NAME]: one embedded run under GNU time; prints the table
  local p="$1" out="$data/out-${2:-$1}"
  rm -rf "$out"
  /usr/bin/time -v -o "$out.time" "${cli[@]}" run --input "$data/$p" --output "$out" --run-id bench --plain >"$out.log" &
  local timer=$!
  tail -n +1 --pid=$timer -f "$out.log" &
  sample_rss $timer "$out.rss"
  wait $timer
  wait
  python3 - "$out" "$p" <<'PY'
import json, re, sys, glob, os
out, preset = sys.argv[1], sys.argv[2]
log = open(out + ".log").read()
stages = re.findall(r"\] (\w+): done in ([0-9.]+) s", log)
scen = re.search(r"scenarios: ([0-9.]+) s summed over cluster units, ([0-9,]+) rows", log)
tv = open(out + ".time").read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", tv).group(1)) / 1024 / 1024
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", tv).group(1)
parts = [float(x) for x in wall.split(":")]
secs = sum(v * 60 ** i for i, v in enumerate(reversed(parts)))
cpu = float(re.search(r"User time \(seconds\): ([0-9.]+)", tv).group(1)) + float(re.search(r"System time \(seconds\): ([0-9.]+)", tv).group(1))
m = json.load(open(glob.glob(out + "/runs/bench/_manifest.json")[0]))
firms = m["rows_read"]["firms"]; links = m["rows_read"]["links"]
written = sum(t["bytes"] for t in m["tables"].values())
print(f"\n## {preset}: {firms:,} firms, {links:,} links — machine: {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB")
print("| stage | wall (s) |\n|---|---:|")
for s, t in stages: print(f"| {s} | {float(t):.1f} |")
if scen:
    # CPU-seconds of unit workers, summed over cluster units (inside compute); ÷ workers ≈ the wall time they add
    workers = os.cpu_count()
    print(f"| (scenarios, inside compute: {float(scen.group(1)):.1f} s summed over units ≈ {float(scen.group(1)) / workers:.1f} s wall on {workers} workers, {scen.group(2)} rows) | |")
print(f"| **total (GNU time)** | **{secs:.1f}** |")
# Peak RSS per stage from the 1-s samples: a stage spans from its log line's start to its "done" line.
starts = [(float(h) * 3600 + float(m_) * 60 + float(sec), st) for h, m_, sec, st in re.findall(r"^\[(\d+):(\d+):([0-9.]+)\] (\w+): (?!done)", log, re.M)]
samples = [tuple(map(float, l.split())) for l in open(out + ".rss") if len(l.split()) == 2]
if samples and starts:
    t0 = samples[0][0]
    first = {}
    for t, st in starts:
        if st in dict(stages): first.setdefault(st, t)   # stage lines only (not "firms: … rows read")
    bounds = sorted(first.items(), key=lambda kv: kv[1])
    print("\n| stage | peak RSS (GiB, 1-s samples) |\n|---|---:|")
    for i, (st, t) in enumerate(bounds):
        end = bounds[i + 1][1] if i + 1 < len(bounds) else 1e9
        peak = max((kb for ts, kb in samples if t <= ts - t0 + 1 < end + 1), default=0)  # +1: the process starts ~1 s before its log clock
        print(f"| {st} | {peak / 2**20:.2f} |")
print(f"\npeak RSS {rss:.2f} GiB; CPU {cpu:.0f} s ({cpu / secs:.2f} cores busy on average); {firms / secs:,.0f} firms/s; {written / 2**20:,.1f} MiB of Parquet written")
json.dump({"preset": preset, "exact_max": os.environ.get("PIPELINE_Metrics__BetweennessExactMaxFirms", "default"), "wall_s": secs, "cpu_s": cpu, "peak_rss_gib": rss, "firms": firms, "bytes": written, "stages": dict(stages), "scenario_unit_s": float(scen.group(1)) if scen else None}, open(out + ".json", "w"))
PY
}

generate "$preset"
measure "$preset"

if [ "${SKIP_IGRAPH:-0}" != 1 ]; then
  if ! /usr/bin/python3 -c "import igraph" 2>/dev/null; then
    echo "bench: installing Debian python3-igraph (reference)" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-igraph >/dev/null
  fi
  generate region
  # igraph has no pivot estimate here, so both sides compute exact betweenness in every cluster.
  PIPELINE_Metrics__BetweennessExactMaxFirms=100000000 measure region region-exact
  /usr/bin/python3 "$root/bench/igraph/region_clusters.py" "$data/region" | tee "$data/igraph-region.json"
  python3 - "$data/out-region-exact.json" "$data/igraph-region.json" <<'PY'
import json, sys
ours = json.load(open(sys.argv[1])); ig = json.loads(open(sys.argv[2]).read().strip().splitlines()[-1])
compute = float(ours["stages"].get("compute", "nan"))
print("\n## region, exact betweenness everywhere: our whole run (every contract metric, both cores) vs an igraph script (4 metrics, one core)")
print("| | ours | igraph script | igraph / ours |\n|---|---:|---:|---:|")
print(f"| end to end (s) | {ours['wall_s']:.1f} | {ig['total_s']:.1f} | {ig['total_s'] / ours['wall_s']:.1f}x |")
print(f"| metrics only (s): our compute stage vs igraph's calls | {compute:.1f} | {ig['metrics_s']:.1f} | {ig['metrics_s'] / compute:.1f}x |")
print(f"| CPU (s) | {ours['cpu_s']:.1f} | {ig['cpu_s']:.1f} | {ig['cpu_s'] / ours['cpu_s']:.1f}x |")
PY
fi
