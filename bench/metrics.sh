#!/usr/bin/env bash
# Metric kernels side by side on identical generated cluster graphs, in one run:
#   ours (single-threaded) vs igraph's C core (Debian python3-igraph) and NetworkX; betweenness also on a graph
#   of the same size with 40 % degree-1 firms (leafy-SIZE.edges).
# Usage: bash bench/metrics.sh [SIZES]   (default 5000,50000; igraph betweenness at 50,000 takes minutes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${1:-5000,50000}"
data="$root/bench/.data/metrics"; mkdir -p "$data"
if ! /usr/bin/python3 -c "import igraph" 2>/dev/null; then
  echo "bench: installing Debian python3-igraph (reference)" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-igraph >/dev/null
fi
dotnet build "$root/bench/Pipeline.Bench" -c Release -nologo -v quiet >/dev/null
results="$data/results.jsonl"; : > "$results"
dotnet run --project "$root/bench/Pipeline.Bench" -c Release --no-build -- metrics "$data" "$sizes" | tee -a "$results"
files=(); for s in ${sizes//,/ }; do files+=("$data/hub-$s.edges" "$data/leafy-$s.edges"); done
/usr/bin/python3 "$root/bench/reference/igraph_metrics.py" "${files[@]}" | tee -a "$results"
python3 "$root/bench/reference/networkx_metrics.py" "$data/hub-5000.edges" 2>/dev/null | tee -a "$results" || true
python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
t = {(r["tool"], r["size"], r["metric"]): r["seconds"] for r in rows}
ours = {(s, m): v for (tool, s, m), v in t.items() if tool == "pipeline"}
print(f"\n{'metric':28} {'firms':>7} {'ours s':>9} {'reference':>10} {'ref s':>9} {'ref/ours':>9}")
for (tool, s, m), v in sorted(t.items(), key=lambda x: (x[0][1], x[0][2], x[0][0])):
    if tool == "pipeline": continue
    mine = ours.get((s, m)) or (ours.get((s, "constraint+effective_size")) if m in ("effective_size", "constraint") else None)
    if mine: print(f"{m:28} {s:>7} {mine:>9.4f} {tool:>10} {v:>9.4f} {v / mine:>8.1f}x")
PY
