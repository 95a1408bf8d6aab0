#!/usr/bin/env bash
# A local Orleans cluster of the pipeline for tests, drills and benchmarks: Azurite (blob + table: membership,
# reminders, grain state, outputs) and N silo processes of one cluster on this machine.
#
#   bash infra/cluster.sh start N   start Azurite on free ports (fresh --location under infra/.run/cluster/) unless
#                                   AZURE_STORAGE_CONNECTION_STRING is set, then N silos; waits until all are active;
#                                   prints `export NAME=VALUE` lines that let `pipeline run --cluster` in another
#                                   shell reach the cluster
#   bash infra/cluster.sh add K     start K more silos in the running cluster
#   bash infra/cluster.sh pids      the silo process ids, one per line, in start order
#   bash infra/cluster.sh env       the export lines again
#   bash infra/cluster.sh azurite-restart [S]  drill: kill -9 the cluster's Azurite, restart it S seconds later (default 3)
#   bash infra/cluster.sh stop      stop every silo and the Azurite this script started
#
# Silos run silo/Pipeline.SiloHost (built in Release if needed). Extra silo settings come from the environment
# (PIPELINE_Silo__Workers, PIPELINE_Silo__FailUnit, …); CLUSTER_SILO_PREFIX (e.g. "taskset -c 0") prefixes each
# silo's command; CLUSTER_SILO_PREFIXES (e.g. "taskset -c 0;taskset -c 1") gives silo n (counted from the cluster's
# first silo) the n-th ;-separated prefix instead (silos past the list get CLUSTER_SILO_PREFIX). CLUSTER_DASHBOARD_PORT
# gives the cluster's first silo `--dashboard PORT` (the Orleans Dashboard on http://127.0.0.1:PORT/). With
# CLUSTER_OWNER_PID set, everything stops when that process exits. State: infra/.run/cluster/, or CLUSTER_STATE_DIR
# (an absolute path) so that several clusters (parallel test runs) can live side by side; pass the same
# CLUSTER_STATE_DIR to pids/env/add/stop.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
state="${CLUSTER_STATE_DIR:-$here/.run/cluster}"
silo_dll="$root/silo/Pipeline.SiloHost/bin/Release/net10.0/silo.dll"
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

usage() { echo "usage: bash infra/cluster.sh start N | add K | pids | env | azurite-restart [S] | stop" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null && [[ "$(ps -o stat= -p "$1" 2>/dev/null)" != Z* ]]; }

start_azurite() {
  bash "$here/install-node-tools.sh"
  local main="$here/node/node_modules/azurite/dist/src/azurite.js" blob table location
  [ -f "$main" ] || { echo "infra/cluster.sh: $main not found" >&2; exit 1; }
  blob="$(free_port)"; table="$(free_port)"
  location="$state/azurite-$(date -u +%Y%m%dT%H%M%S)-$$"; mkdir -p "$location"
  echo "$blob $table $location" > "$state/azurite.args"
  run_azurite "$blob" "$table" "$location"
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;" > "$state/connection"
}

run_azurite() {   # run_azurite BLOB_PORT TABLE_PORT LOCATION: start it and wait until it answers
  local main="$here/node/node_modules/azurite/dist/src/azurite.js" blob="$1" table="$2" location="$3"
  setsid node "$main" --blobHost 127.0.0.1 --blobPort "$blob" --tableHost 127.0.0.1 --tablePort "$table" --queuePort 0 \
    --location "$location" --disableTelemetry --skipApiVersionCheck --loose >> "$state/azurite.log" 2>&1 < /dev/null &
  echo $! > "$state/azurite.pid"
  local i code
  for i in $(seq 1 300); do
    alive "$(cat "$state/azurite.pid")" || { echo "infra/cluster.sh: azurite exited; last lines:" >&2; tail -n 20 "$state/azurite.log" >&2; exit 1; }
    code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$blob/devstoreaccount1?comp=list" 2>/dev/null || true)"
    if [ -n "$code" ] && [ "$code" != "000" ]; then break; fi
    sleep 0.1
  done
}

start_silos() {
  local count="$1" i n pid log prefix extra
  local prefixes=(); [ -n "${CLUSTER_SILO_PREFIXES:-}" ] && IFS=';' read -r -a prefixes <<< "$CLUSTER_SILO_PREFIXES"
  [ -f "$silo_dll" ] || dotnet build "$root/silo/Pipeline.SiloHost" -c Release -nologo -v quiet >&2
  local connection cluster_id; connection="$(cat "$state/connection")"; cluster_id="$(cat "$state/cluster_id")"
  local started=()
  for i in $(seq 1 "$count"); do
    n=$(( $(wc -l < "$state/pids" 2>/dev/null || echo 0) + 1 ))
    log="$state/silo-$n.log"
    prefix="${prefixes[$((n - 1))]:-${CLUSTER_SILO_PREFIX:-}}"
    extra=(); [ "$n" -eq 1 ] && [ -n "${CLUSTER_DASHBOARD_PORT:-}" ] && extra=(--dashboard "$CLUSTER_DASHBOARD_PORT")
    # shellcheck disable=SC2086
    AZURE_STORAGE_CONNECTION_STRING="$connection" setsid $prefix dotnet "$silo_dll" --cluster-id "$cluster_id" --name "silo-$n" "${extra[@]}" \
      > "$log" 2>&1 < /dev/null &
    pid=$!
    echo "$pid" >> "$state/pids"
    started+=("$pid:$log")
  done
  local entry deadline=$((SECONDS + 120))
  for entry in "${started[@]}"; do
    pid="${entry%%:*}"; log="${entry#*:}"
    until grep -q "silo active" "$log" 2>/dev/null; do
      alive "$pid" || { echo "infra/cluster.sh: silo (pid $pid) exited during start-up; last lines of $log:" >&2; tail -n 30 "$log" >&2; exit 1; }
      [ $SECONDS -lt $deadline ] || { echo "infra/cluster.sh: silo (pid $pid) not active within 120 s; see $log" >&2; exit 1; }
      sleep 0.2
    done
  done
  if [ -n "${CLUSTER_OWNER_PID:-}" ]; then
    CLUSTER_STATE_DIR="$state" setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done; bash "$2" stop' cluster-owner-watch "$CLUSTER_OWNER_PID" "$here/cluster.sh" > /dev/null 2>&1 < /dev/null &
  fi
}

print_env() {
  echo "export AZURE_STORAGE_CONNECTION_STRING='$(cat "$state/connection")'"
  echo "export PIPELINE_Cluster__ClusterId=$(cat "$state/cluster_id")"
}

cmd="${1:-}"; [ $# -gt 0 ] && shift
case "$cmd" in
  start)
    [ $# -eq 1 ] && [[ "$1" =~ ^[0-9]+$ ]] || usage
    if [ -f "$state/pids" ] && while read -r p; do alive "$p" && exit 0; done < "$state/pids"; then
      echo "infra/cluster.sh: a cluster is running already (bash infra/cluster.sh stop first)" >&2; exit 1
    fi
    rm -rf "$state"; mkdir -p "$state"
    if [ -n "${AZURE_STORAGE_CONNECTION_STRING:-}" ]; then echo "$AZURE_STORAGE_CONNECTION_STRING" > "$state/connection"; else start_azurite; fi
    echo "pipeline-$(date -u +%H%M%S)-$$" > "$state/cluster_id"
    : > "$state/pids"
    start_silos "$1"
    print_env ;;
  add)
    [ $# -eq 1 ] && [[ "$1" =~ ^[0-9]+$ ]] || usage
    [ -f "$state/connection" ] || { echo "infra/cluster.sh: no cluster is running (bash infra/cluster.sh start N)" >&2; exit 1; }
    start_silos "$1" ;;
  pids) [ -f "$state/pids" ] && cat "$state/pids" ;;
  azurite-restart)   # drill: SIGKILL Azurite, wait SECONDS (default 3), start it again on the same ports and data
    [ -f "$state/azurite.args" ] || { echo "infra/cluster.sh: this cluster did not start its own Azurite" >&2; exit 1; }
    kill -9 "$(cat "$state/azurite.pid")" 2>/dev/null || true
    sleep "${1:-3}"
    read -r blob table location < "$state/azurite.args"
    run_azurite "$blob" "$table" "$location" ;;
  env) [ -f "$state/connection" ] || { echo "infra/cluster.sh: no cluster is running" >&2; exit 1; }; print_env ;;
  stop)
    if [ -f "$state/pids" ]; then
      while read -r p; do alive "$p" && { kill -CONT "$p" 2>/dev/null; kill "$p" 2>/dev/null; } || true; done < "$state/pids"
      for _ in $(seq 1 50); do
        any=0; while read -r p; do alive "$p" && any=1; done < "$state/pids"
        [ $any -eq 0 ] && break; sleep 0.2
      done
      while read -r p; do alive "$p" && kill -9 "$p" 2>/dev/null || true; done < "$state/pids"
    fi
    if [ -f "$state/azurite.pid" ]; then p="$(cat "$state/azurite.pid")"; alive "$p" && kill "$p" 2>/dev/null || true; fi
    rm -rf "$state"
    echo "infra/cluster.sh: stopped" >&2 ;;
  *) usage ;;
esac
