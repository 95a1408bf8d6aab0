#!/usr/bin/env bash
# Benchmark (not a test): the `region` data set on the embedded engine and on the RabbitMQ engine with 1, 2 and 4
# silo processes on this machine, with where the time goes (client staging, publishing, silo compute vs. silo
# storage staging, reading outputs back). Feeds the scale-out model in docs/distributed.md.
#
#   bash bench/silos.sh [SILO_COUNTS...]     default: 1 2 4
#
# Starts a private broker (infra/rabbitmq.sh, free port) and the silos (infra/silos.sh); stops both at the end.
# Data: bench/.data/region (generated once, seed 42); outputs: bench/.data/silos-out (removed at the end).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
counts=("${@:-1 2 4}"); counts=(${counts[*]})
data="$root/bench/.data/region"
out="$root/bench/.data/silos-out"
logs="$root/bench/.data/silos-logs"
port=$(( 27000 + RANDOM % 5000 ))
pipeline() { dotnet client/Pipeline.Client/bin/Release/net10.0/pipeline.dll "$@"; }

dotnet build client/Pipeline.Client -c Release -nologo -v quiet >/dev/null
dotnet build silo/Pipeline.SiloHost -c Release -nologo -v quiet >/dev/null
[ -f "$data/firms.csv" ] || pipeline generate --preset region --seed 42 --output "$data" >/dev/null
rm -rf "$out" "$logs"; mkdir -p "$logs"

cleanup() { SILOS_NO_BUILD=1 bash infra/silos.sh stop || true; bash infra/rabbitmq.sh stop --port "$port" || true; rm -rf "$out"; }
trap cleanup EXIT
broker="$(bash infra/rabbitmq.sh start --port "$port" | sed -n 's/^PIPELINE_BROKER=//p')"
export PIPELINE_BROKER="$broker"

secs() { python3 -c "import sys;print(f'{float(sys.argv[1]):.1f}')" "$1"; }

t0=$(date +%s.%N)
pipeline run --input "$data" --output "$out" --run-id in-process --plain > "$logs/in-process.log" 2>&1
t1=$(date +%s.%N)
inproc=$(python3 -c "print(f'{$t1-$t0:.1f}')")
compute_ip=$(sed -n 's/.*compute: done in \([0-9.]*\) s.*/\1/p' "$logs/in-process.log")
echo "cores: $(nproc); region: $(grep -m1 'partition: [0-9]' "$logs/in-process.log" | sed 's/.*partition: //')"
echo
printf '%-12s %8s %9s %8s %9s %9s %10s %10s %9s\n' engine wall_s compute_s items stage_s publish_ms silo_cpu_s silo_io_s collect_s
printf '%-12s %8s %9s %8s %9s %9s %10s %10s %9s\n' in-process "$inproc" "$compute_ip" - - - - - -

for n in "${counts[@]}"; do
  SILOS_NO_BUILD=1 bash infra/silos.sh start "$n" >/dev/null
  sleep 2
  t0=$(date +%s.%N)
  pipeline run --engine rabbitmq --input "$data" --output "$out" --run-id "silos-$n" --plain > "$logs/silos-$n.log" 2>&1
  t1=$(date +%s.%N)
  SILOS_NO_BUILD=1 bash infra/silos.sh stop
  l="$logs/silos-$n.log"
  wall=$(python3 -c "print(f'{$t1-$t0:.1f}')")
  compute=$(sed -n 's/.*compute: done in \([0-9.]*\) s.*/\1/p' "$l")
  items=$(sed -n 's/.*staged \([0-9,]*\) work items.*/\1/p' "$l")
  stage=$(sed -n 's/.*work items ([0-9,]* units) in \([0-9.]*\) s.*/\1/p' "$l")
  publish=$(sed -n 's/.*(confirmed) in \([0-9]*\) ms.*/\1/p' "$l" | head -1)
  cpu=$(sed -n 's/.*silo time: compute \([0-9.]*\) s.*/\1/p' "$l")
  io=$(sed -n 's/.*storage staging \([0-9.]*\) s.*/\1/p' "$l")
  collect=$(sed -n 's/.*outputs back in \([0-9.]*\) s.*/\1/p' "$l")
  printf '%-12s %8s %9s %8s %9s %9s %10s %10s %9s\n' "rabbitmq x$n" "$wall" "$compute" "$items" "$stage" "$publish" "$cpu" "$io" "$collect"
done
echo
echo "wall_s: whole command; compute_s: the compute stage (staging, publishing, silos, reading back); stage_s: client writes"
echo "the work items' inputs; silo_cpu_s / silo_io_s: summed over silos, grain compute vs. reading inputs and writing outputs."
echo "Logs: $logs"
