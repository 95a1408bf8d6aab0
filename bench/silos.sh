#!/usr/bin/env bash
# Benchmark (not a test): the `region` data set on Orleans silos of this machine, with wall times and ratios side by side.
#
#   bash bench/silos.sh [REPEATS]        default 1; with more, each configuration's best (lowest) wall time is kept
#
#   embedded         `pipeline run` with its embedded silo (all cores)
#   1 silo           one silo process using every core (infra/cluster.sh start 1), `pipeline run --cluster`
#   1 pinned silo    one silo on core 0 with one unit worker (taskset -c 0, PIPELINE_Silo__Workers=1): a one-core machine
#   2 pinned silos   silos on cores 0 and 1 with one worker each (CLUSTER_SILO_PREFIXES="taskset -c 0;taskset -c 1"):
#                    two one-core machines
#
# Goals (issue 13): 2 pinned silos >= 1.8x one pinned silo; 1 silo <= 1.10x the embedded time. Each row's run is
# also split into the run itself (the coordinator's clock, from its `Run ... finished in` line) and the client's part
# (the rest of the wall time), and the last lines give Amdahl's bound for the pinned goal: one pinned silo's wall
# time over its client part plus half its run, what two silos would take if the whole run split perfectly. The client that
# follows a cluster run is not pinned (it only submits and polls; the run's coordinator grain reads, partitions,
# aggregates and writes inside the cluster). Each cluster configuration gets a fresh Azurite and cluster in its own
# state directory (CLUSTER_STATE_DIR=bench/.data/cluster), so it never meets another cluster of this machine.
# Data: bench/.data/region (generated once, seed 42); outputs: bench/.data/silos-out (removed at the end); logs:
# bench/.data/silos-logs. The machine's load average is printed with each row: on a shared machine it explains a lot.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
repeats="${1:-1}"
data="$root/bench/.data/region"
out="$root/bench/.data/silos-out"
logs="$root/bench/.data/silos-logs"
export CLUSTER_STATE_DIR="$root/bench/.data/cluster"
pipeline() { dotnet client/Pipeline.Client/bin/Release/net10.0/pipeline.dll "$@"; }

[ "$(nproc)" -ge 2 ] || { echo "bench/silos.sh: needs at least 2 cores (the pinned silos use cores 0 and 1)" >&2; exit 1; }
command -v taskset >/dev/null || { echo "bench/silos.sh: taskset (util-linux) is missing" >&2; exit 1; }
dotnet build client/Pipeline.Client -c Release -nologo -v quiet >/dev/null
dotnet build silo/Pipeline.SiloHost -c Release -nologo -v quiet >/dev/null
[ -f "$data/firms.csv" ] || pipeline generate --preset region --seed 42 --output "$data" >/dev/null
rm -rf "$out" "$logs"; mkdir -p "$logs"

cleanup() { bash infra/cluster.sh stop 2>/dev/null || true; rm -rf "$out"; }
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }

# run NAME [--cluster]: one run of the region data set; prints its wall seconds.
run_once() {
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  if ! pipeline run "$@" --input "$data" --output "$out" --run-id "$name" --plain > "$logs/$name.log" 2>&1; then
    echo "bench/silos.sh: run $name failed; last lines of $logs/$name.log:" >&2; tail -n 20 "$logs/$name.log" >&2; exit 1
  fi
  t1=$(date +%s.%N)
  python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$t0" "$t1"
}

declare -A wall loads own
# The run's own time (the coordinator's clock, from its start to its publish) in a run's log.
own_time() { sed -n 's/^Run .* finished in \([0-9.]*\) s\.$/\1/p' "$1" | tail -n 1; }
# measure KEY [cluster setup: "start N" with env] — best wall time of $repeats runs.
measure() {
  local key="$1" mode="$2" best="" w i
  for i in $(seq 1 "$repeats"); do
    local before; before="$(load)"
    if [ "$mode" = embedded ]; then
      w=$(run_once "$key-$i")
    else
      # The export lines carry the cluster's storage connection string: kept in the environment, never in a file.
      ( exports="$(bash infra/cluster.sh start "$mode")"; eval "$exports"; run_once "$key-$i" --cluster ) > "$logs/$key-$i.wall"
      w=$(cat "$logs/$key-$i.wall")
      for f in "$CLUSTER_STATE_DIR"/silo-*.log; do
        if [ -f "$f" ]; then cp "$f" "$logs/$key-$i-$(basename "$f")"; fi
      done
      bash infra/cluster.sh stop 2>/dev/null || true
    fi
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$w" "$best"; then
      best="$w"; own[$key]="$(own_time "$logs/$key-$i.log")"
    fi
    loads[$key]="$before"
    echo "  $key #$i: $w s, the run itself $(own_time "$logs/$key-$i.log") s (load average before: $before)" >&2
  done
  wall[$key]="$best"
}

echo "cores: $(nproc); load average at start: $(load); region: $(python3 -c "
import sys; f=sum(1 for _ in open(sys.argv[1]))-1; l=sum(1 for _ in open(sys.argv[2]))-1; print(f'{f:,} firms, {l:,} links')" "$data/firms.csv" "$data/links.csv")" >&2

measure embedded embedded
unset CLUSTER_SILO_PREFIX CLUSTER_SILO_PREFIXES PIPELINE_Silo__Workers
measure silo1 1
CLUSTER_SILO_PREFIX="taskset -c 0" PIPELINE_Silo__Workers=1 measure pinned1 1
CLUSTER_SILO_PREFIXES="taskset -c 0;taskset -c 1" PIPELINE_Silo__Workers=1 measure pinned2 2

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
echo
printf '| %-42s | %8s | %-22s | %-34s |\n' configuration "wall (s)" "load avg before (1/5/15)" "ratio"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..44})" "$(printf -- '-%.0s' {1..9})-:" "$(printf -- '-%.0s' {1..24})" "$(printf -- '-%.0s' {1..36})"
printf '| %-42s | %8s | %-22s | %-34s |\n' "embedded (2 cores)" "${wall[embedded]}" "${loads[embedded]}" "1.00"
printf '| %-42s | %8s | %-22s | %-34s |\n' "1 silo, 2 workers, both cores" "${wall[silo1]}" "${loads[silo1]}" "$(ratio "${wall[silo1]}" "${wall[embedded]}")× embedded (goal ≤ 1.10)"
printf '| %-42s | %8s | %-22s | %-34s |\n' "1 silo pinned to core 0, 1 worker" "${wall[pinned1]}" "${loads[pinned1]}" "1.00"
printf '| %-42s | %8s | %-22s | %-34s |\n' "2 silos pinned to cores 0 and 1, 1 worker each" "${wall[pinned2]}" "${loads[pinned2]}" "$(ratio "${wall[pinned1]}" "${wall[pinned2]}")× faster than 1 pinned (goal ≥ 1.8)"
echo
# Amdahl's bound for the pinned goal: the client's part of a wall time (start, connect, submit, follow to the end,
# print: wall minus the run's own time) does not shrink with silos. Even if every stage of the run split perfectly
# over two silos, two pinned silos could be at most this much faster than one.
python3 - "${wall[pinned1]}" "${own[pinned1]}" "${wall[pinned2]}" "${own[pinned2]}" <<'PY'
import sys
w1, r1, w2, r2 = map(float, sys.argv[1:])
c1, c2 = w1 - r1, w2 - r2
print(f"1 pinned silo: wall {w1:.1f} s = the run itself {r1:.1f} s + the client's part {c1:.1f} s; "
      f"2 pinned silos: {w2:.1f} s = {r2:.1f} s + {c2:.1f} s (the run itself {r1 / r2:.2f}× faster)")
print(f"bound if the whole run split perfectly over 2 silos: {w1:.1f} / ({c1:.1f} + {r1:.1f} / 2) = {w1 / (c1 + r1 / 2):.2f}× (goal ≥ 1.8)")
PY
echo "load average at end: $(load); logs: $logs"
