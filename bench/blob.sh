#!/usr/bin/env bash
# Blob transfer speed next to a plain file copy on the same disk (the ceiling), in one run:
#   generates PARTS files of PART_MIB MiB of pseudo-random bytes (default 8 x 128 MiB = 1 GiB, cached in
#   bench/.data/blob/parts), starts a private Azurite (infra/azurite.sh, port $BENCH_AZURITE_PORT, default 10041,
#   data folder under infra/.run on this disk), and times File.Copy, a stream copy, uploads through AzureBlobStore on
#   the Azure SDK (8 MiB blocks x 4 in flight, with and without MD5 validation), downloads through the store
#   (DownloadStreamingAsync) and the SDK's DownloadToAsync; best of REPS, with the CPU seconds spent by the benchmark
#   process and by Azurite.
# Usage: bash bench/blob.sh [PARTS] [PART_MIB] [REPS]     (prints JSON lines, then a table with ratios)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
parts="${1:-8}"; part_mib="${2:-128}"; reps="${3:-2}"
data="$root/bench/.data/blob"; mkdir -p "$data"
export AZURITE_BLOB_PORT="${BENCH_AZURITE_PORT:-10041}" AZURITE_OWNER_PID=$$
trap 'bash "$root/infra/azurite.sh" stop >/dev/null 2>&1 || true' EXIT
info="$(bash "$root/infra/azurite.sh" start)"
export AZURE_STORAGE_CONNECTION_STRING="$(sed -n 's/^AZURE_STORAGE_CONNECTION_STRING=//p' <<<"$info")"
export AZURITE_PID="$(sed -n 's/^AZURITE_PID=//p' <<<"$info")"
dotnet build "$root/bench/Pipeline.Bench" -c Release -nologo -v quiet >/dev/null
results="$data/results.jsonl"
dotnet run --project "$root/bench/Pipeline.Bench" -c Release --no-build -- blob "$data" "$parts" "$part_mib" "$reps" | tee "$results"
python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ceiling = next(r for r in rows if r["operation"].startswith("file copy (stream"))
kernel = next(r for r in rows if r["operation"].startswith("file copy (File.Copy"))
print(f"\n{rows[0]['bytes'] / 1e6:,.0f} MB of parts (pseudo-random bytes)")
print(f"{'operation':40} {'s':>7} {'MB/s':>8} {'/ stream copy':>14} {'/ File.Copy':>12} {'our CPU s':>10} {'Azurite CPU s':>14}")
for r in rows:
    print(f"{r['operation']:40} {r['seconds']:>7.2f} {r['mb_per_s']:>8.0f} {r['mb_per_s'] / ceiling['mb_per_s']:>13.2f}x {r['mb_per_s'] / kernel['mb_per_s']:>11.2f}x"
          f" {r.get('client_cpu_s', 0):>10.1f} {r.get('azurite_cpu_s', 0):>14.1f}")
PY
