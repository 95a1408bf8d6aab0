#!/usr/bin/env bash
# Starts and stops silo processes (silo/Pipeline.SiloHost, `silo --broker …`) on this machine.
#
#   infra/silos.sh start N [--broker URI]   build (Release, once) and start N silos in the background
#   infra/silos.sh stop                     SIGTERM each started silo (they finish or requeue their work), wait, then SIGKILL stragglers
#   infra/silos.sh status                   list the running silos
#
# The broker comes from --broker or PIPELINE_BROKER. State: infra/.run/silos/ (one PID file and log per silo).
# Extra settings pass through the environment (PIPELINE_Silo__Prefetch, …).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
state="$here/.run/silos"
dll="$root/silo/Pipeline.SiloHost/bin/Release/net10.0/silo.dll"
cmd="${1:-}"; [ $# -gt 0 ] && shift

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

case "$cmd" in
  start)
    n="${1:?usage: infra/silos.sh start N [--broker URI]}"; shift
    [ "${1:-}" = "--broker" ] && { export PIPELINE_BROKER="$2"; shift 2; }
    [ -n "${PIPELINE_BROKER:-}" ] || { echo "infra/silos.sh: no broker (--broker or PIPELINE_BROKER)" >&2; exit 2; }
    [ -f "$dll" ] && [ "${SILOS_NO_BUILD:-0}" = 1 ] || dotnet build "$root/silo/Pipeline.SiloHost" -c Release -nologo -v quiet >/dev/null
    mkdir -p "$state"
    for _ in $(seq 1 "$n"); do
      i=0; while [ -e "$state/silo-$i.pid" ] && alive "$state/silo-$i.pid"; do i=$((i + 1)); done
      nohup dotnet "$dll" > "$state/silo-$i.log" 2>&1 < /dev/null &
      echo $! > "$state/silo-$i.pid"
      echo "silo-$i pid $! log $state/silo-$i.log"
    done
    ;;
  stop)
    [ -d "$state" ] || exit 0
    for f in "$state"/*.pid; do [ -e "$f" ] && alive "$f" && kill -TERM "$(cat "$f")" 2>/dev/null || true; done
    for _ in $(seq 1 120); do
      any=0; for f in "$state"/*.pid; do [ -e "$f" ] && alive "$f" && any=1; done
      [ $any = 0 ] && break; sleep 0.5
    done
    for f in "$state"/*.pid; do [ -e "$f" ] && alive "$f" && kill -KILL "$(cat "$f")" 2>/dev/null || true; rm -f "$f"; done
    ;;
  status)
    [ -d "$state" ] || exit 0
    for f in "$state"/*.pid; do [ -e "$f" ] && alive "$f" && echo "$(basename "$f" .pid) pid $(cat "$f")"; done; true
    ;;
  *) echo "usage: infra/silos.sh start N [--broker URI] | stop | status" >&2; exit 2 ;;
esac
