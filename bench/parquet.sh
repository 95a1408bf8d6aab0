#!/usr/bin/env bash
# Parquet write/read throughput and file size: our library vs DuckDB on the same 10-million-row firm_metrics-shaped
# table, in one run. Ours: the pipeline's defaults (Snappy, dictionary strings and integers, 1 M-row row groups),
# columns encoded/decoded in parallel on every core (PARQUET_BENCH_THREADS=1 for one thread).
# DuckDB (npm @duckdb/node-api): COPY … TO … (FORMAT parquet, COMPRESSION snappy) of the same rows loaded in memory,
# and a full read (count + sum over every column), with 1 thread and with all cores.
# Usage: bash bench/parquet.sh [ROWS]   (default 10000000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-10000000}"
data="$root/bench/.data/parquet"; mkdir -p "$data"
bash "$root/infra/install-node-tools.sh"
dotnet build "$root/bench/Pipeline.Bench" -c Release -nologo -v quiet >/dev/null
results="$data/results.jsonl"; : > "$results"
rm -f "$data/ours.parquet" "$data/duckdb.parquet"
dotnet run --project "$root/bench/Pipeline.Bench" -c Release --no-build -- parquet "$data" "$rows" | tee -a "$results"
node "$root/bench/parquet-duckdb.mjs" "$data/ours.parquet" "$data/duckdb.parquet" 1 | tee -a "$results"
node "$root/bench/parquet-duckdb.mjs" "$data/ours.parquet" "$data/duckdb.parquet" "$(nproc)" | tee -a "$results"
# Our reader on DuckDB's file (last written with all cores).
dotnet run --project "$root/bench/Pipeline.Bench" -c Release --no-build -- parquet-read "$data/duckdb.parquet" | tee -a "$results"
python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
first = {}
for r in rows: first.setdefault((r["tool"], r["op"]), r)
ours = lambda op: first[("pipeline", op)]
print(f"\n{'operation':34} {'rows/s':>12} {'seconds':>8} {'file MB':>8}   ours vs this")
for (tool, op), r in first.items():
    if op == "generate": continue
    rate = r["rows"] / r["seconds"]
    line = f"{tool + ' ' + op:34} {rate:>12,.0f} {r['seconds']:>8.2f} {r['bytes'] / 1e6:>8.1f}"
    if tool != "pipeline" and op in ("write", "read"):
        mine = ours(op)
        line += f"   speed {(mine['rows'] / mine['seconds']) / rate:.2f}x"
        if op == "write": line += f", size {mine['bytes'] / r['bytes']:.3f}x"
    print(line)
g = ours("generate")
print(f"(generating the rows alone, included in our write: {g['seconds']:.2f} s)")
PY
