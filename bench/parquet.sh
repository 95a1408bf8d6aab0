#!/usr/bin/env bash
# Parquet write/read time and size: ours (Parquet.Net 6.1.0, as a run writes firm_metrics: Snappy, dictionary strings,
# 1 M-row row groups, one Hive folder per province, files written in parallel on every core) vs DuckDB on the same
# 10-million-row firm_metrics-shaped table, side by side. DuckDB (npm @duckdb/node-api): the same rows loaded in memory
# (not timed), COPY … TO one file and COPY … PARTITION_BY (province) (our layout), then a full read (count + sum over
# every column) of each, with all cores and with 1 thread. Every line has wall seconds and process CPU seconds (ours
# also the bytes it allocated): on a shared machine compare CPU seconds, and run several rounds — ours and DuckDB take
# turns in each round, and the table gives each round's ratios and their median.
# Usage: bash bench/parquet.sh [ROWS] [ROUNDS]   (defaults 10000000 and 1)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-10000000}"; rounds="${2:-1}"
data="$root/bench/.data/parquet"; mkdir -p "$data"
bash "$root/infra/install-node-tools.sh" >/dev/null
dotnet build "$root/bench/Pipeline.Bench" -c Release -nologo -v quiet >/dev/null
results="$data/results.jsonl"; : > "$results"
ours="$data/ours/run/firm_metrics"
for round in $(seq 1 "$rounds"); do
  tag() { python3 -c 'import json,sys
for l in sys.stdin:
    if l.strip(): d = json.loads(l); d["round"] = int(sys.argv[1]); print(json.dumps(d), flush=True)' "$round"; }
  dotnet run --project "$root/bench/Pipeline.Bench" -c Release --no-build -- parquet "$data" "$rows" | tag | tee -a "$results"
  node "$root/bench/parquet-duckdb.mjs" "$ours" "$data" "$(nproc)" | tag | tee -a "$results"
  node "$root/bench/parquet-duckdb.mjs" "$ours" "$data" 1 | tag | tee -a "$results"
done
# Our reader (Parquet.Net) on DuckDB's Hive folder, written with all cores.
dotnet run --project "$root/bench/Pipeline.Bench" -c Release --no-build -- parquet-read "$data/duckdb-$(nproc)t-hive" | tee -a "$results"
python3 - "$results" "$(nproc)" <<'PY'
import json, sys, statistics
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cores = sys.argv[2]
rounds = sorted({x["round"] for x in lines if "round" in x})
by = {(x.get("round"), x["tool"], x["op"]): x for x in lines}
def get(rnd, tool, op): return by[(rnd, tool, op)]
others = [(f"DuckDB {t} thread(s), one file", f"duckdb-{t}t", "write", "read") for t in (cores, "1")] + \
         [(f"DuckDB {t} thread(s), PARTITION_BY province", f"duckdb-{t}t", "write-hive", "read-hive") for t in (cores, "1")]
print(f"\n{get(rounds[0], 'pipeline', 'write')['rows']:,} rows; wall s (CPU s); speed = their time / ours, size = ours / theirs")
print(f"{'round':>5} {'':44} {'write s (cpu)':>16} {'read s (cpu)':>15} {'MB':>7}   ours vs this")
ratios = {}
for rnd in rounds:
    ow, orr = get(rnd, "pipeline", "write"), get(rnd, "pipeline", "read")
    print(f"{rnd:>5} {'ours: Parquet.Net, Hive folders, all cores':44} {ow['seconds']:>7.2f} ({ow['cpu']:>5.2f}) {orr['seconds']:>6.2f} ({orr['cpu']:>5.2f}) {ow['bytes'] / 1e6:>7.1f}"
          f"   allocated: write {ow['allocated'] / 1e9:.2f} GB, read {orr['allocated'] / 1e9:.2f} GB")
    for name, tool, wop, rop in others:
        w, rd = get(rnd, tool, wop), get(rnd, tool, rop)
        r = (w["seconds"] / ow["seconds"], rd["seconds"] / orr["seconds"], ow["bytes"] / w["bytes"], w["cpu"] / ow["cpu"], rd["cpu"] / orr["cpu"])
        ratios.setdefault(name, []).append(r)
        print(f"{'':>5} {name:44} {w['seconds']:>7.2f} ({w['cpu']:>5.2f}) {rd['seconds']:>6.2f} ({rd['cpu']:>5.2f}) {w['bytes'] / 1e6:>7.1f}"
              f"   write {r[0]:.2f}x, read {r[1]:.2f}x, size {r[2]:.3f}x (CPU: write {r[3]:.2f}x, read {r[4]:.2f}x)")
if len(rounds) > 1:
    print(f"\nmedian of {len(rounds)} rounds")
    for name, rs in ratios.items():
        m = [statistics.median(x[i] for x in rs) for i in range(5)]
        print(f"  ours vs {name:44} write {m[0]:.2f}x, read {m[1]:.2f}x, size {m[2]:.3f}x (CPU: write {m[3]:.2f}x, read {m[4]:.2f}x)")
last = rounds[-1]
print(f"DuckDB {cores} thread(s) reading our files: {get(last, f'duckdb-{cores}t', 'read-our-files')['seconds']:.2f} s; "
      f"ours reading our files again: {get(last, 'pipeline', 'read-again')['seconds']:.2f} s; "
      f"ours reading DuckDB's Hive folder: {by[(None, 'pipeline', 'read-duckdb-file')]['seconds']:.2f} s; "
      f"building the rows (not timed): {get(last, 'pipeline', 'generate')['seconds']:.2f} s")
PY
