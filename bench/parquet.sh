#!/usr/bin/env bash
# Parquet write/read time and size: ours (Parquet.Net 6.1.0, as a run writes firm_metrics: Snappy, dictionary strings,
# 1 M-row row groups, one Hive folder per province, files written in parallel on every core) vs DuckDB on the same
# 10-million-row firm_metrics-shaped table, in one run, side by side. DuckDB (npm @duckdb/node-api): the same rows
# loaded in memory (not timed), COPY … TO one file and COPY … PARTITION_BY (province) (our layout), then a full read
# (count + sum over every column) of each, with all cores and with 1 thread.
# Usage: bash bench/parquet.sh [ROWS]   (default 10000000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-10000000}"
data="$root/bench/.data/parquet"; mkdir -p "$data"
bash "$root/infra/install-node-tools.sh" >/dev/null
dotnet build "$root/bench/Pipeline.Bench" -c Release -nologo -v quiet >/dev/null
results="$data/results.jsonl"; : > "$results"
dotnet run --project "$root/bench/Pipeline.Bench" -c Release --no-build -- parquet "$data" "$rows" | tee -a "$results"
ours="$data/ours/run/firm_metrics"
node "$root/bench/parquet-duckdb.mjs" "$ours" "$data" "$(nproc)" | tee -a "$results"
node "$root/bench/parquet-duckdb.mjs" "$ours" "$data" 1 | tee -a "$results"
# Our reader (Parquet.Net) on DuckDB's Hive folder, written with all cores.
dotnet run --project "$root/bench/Pipeline.Bench" -c Release --no-build -- parquet-read "$data/duckdb-$(nproc)t-hive" | tee -a "$results"
python3 - "$results" "$(nproc)" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
r = {(x["tool"], x["op"]): x for x in rows}
cores = sys.argv[2]
ours_w, ours_r = r[("pipeline", "write")], r[("pipeline", "read")]
def line(name, w, rd):
    speed = lambda mine, theirs: theirs["seconds"] / mine["seconds"]
    print(f"{name:44} {w['seconds']:>8.2f} {rd['seconds']:>8.2f} {w['bytes'] / 1e6:>9.1f}   "
          + ("" if w is ours_w else f"write {speed(ours_w, w):.2f}x, read {speed(ours_r, rd):.2f}x, size {ours_w['bytes'] / w['bytes']:.3f}x"))
print(f"\n{ours_w['rows']:,} rows{'':24} {'write s':>8} {'read s':>8} {'MB':>9}   ours vs this (speed = their time / ours; size = ours / theirs)")
line("ours: Parquet.Net, Hive folders, all cores", ours_w, ours_r)
for t in (cores, "1"):
    d = f"duckdb-{t}t"
    line(f"DuckDB {t} thread(s), one file", r[(d, "write")], r[(d, "read")])
    line(f"DuckDB {t} thread(s), PARTITION_BY province", r[(d, "write-hive")], r[(d, "read-hive")])
print(f"DuckDB {cores} thread(s) reading our files: {r[(f'duckdb-{cores}t', 'read-our-files')]['seconds']:.2f} s; "
      f"ours reading our files again: {r[('pipeline', 'read-again')]['seconds']:.2f} s; "
      f"ours reading DuckDB's Hive folder: {r[('pipeline', 'read-duckdb-file')]['seconds']:.2f} s; "
      f"building the rows (not timed): {r[('pipeline', 'generate')]['seconds']:.2f} s")
PY
