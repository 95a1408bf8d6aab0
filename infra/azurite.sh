#!/usr/bin/env bash
# Runs a local Azurite blob service (the Azure Blob Storage emulator, npm azurite 3.35.0) for tests
# and development.
#
#   infra/azurite.sh start [--keep-location DIR]   start azurite-blob on 127.0.0.1:$AZURITE_BLOB_PORT
#   infra/azurite.sh stop                          kill it (by PID file) and remove its data folder
#   infra/azurite.sh status                        exit 0 and print its info if running, else exit 1
#
# Port: AZURITE_BLOB_PORT (default 10000). With AZURITE_OWNER_PID set, azurite is stopped when that process
# exits (so a test run that is killed leaves no emulator behind). Only the blob service is started, listening on 127.0.0.1,
# with --disableTelemetry --skipApiVersionCheck --loose. Each start uses a fresh data folder
# infra/.run/azurite-<port>-<timestamp>/ (older ones for the same port are removed) unless
# --keep-location DIR restarts on an existing folder (used to test a crash and restart).
# State: infra/.run/azurite-<port>.pid, .location (data folder) and .log (azurite's output; removed by stop).
# On success `start` and `status` print, one per line on stdout:
#   AZURITE_PID=..., AZURITE_LOCATION=..., AZURITE_BLOB_ENDPOINT=..., AZURE_STORAGE_CONNECTION_STRING=...
# (the account key printed is Azurite's public, well-known development key).
# HTTPS: with AZURITE_CERT and AZURITE_KEY (PEM files) set, azurite serves https on the port instead of http
# (clients must trust that certificate; the endpoint and connection string printed say https).
# OAuth: with AZURITE_OAUTH=basic (https only) azurite also accepts Microsoft Entra ID bearer tokens (it checks their
# lifetime, issuer and audience, not their signature), as the token sign-in path of the pipeline sends them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${AZURITE_BLOB_PORT:-10000}"
run="$here/.run"
pidfile="$run/azurite-$port.pid"
locfile="$run/azurite-$port.location"
logfile="$run/azurite-$port.log"
account=devstoreaccount1
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
scheme=http
tls_args=()
if [ -n "${AZURITE_CERT:-}" ] || [ -n "${AZURITE_KEY:-}" ]; then
  [ -f "${AZURITE_CERT:-}" ] && [ -f "${AZURITE_KEY:-}" ] || { echo "infra/azurite.sh: AZURITE_CERT and AZURITE_KEY must both name PEM files" >&2; exit 2; }
  scheme=https
  tls_args=(--cert "$AZURITE_CERT" --key "$AZURITE_KEY")
fi
if [ -n "${AZURITE_OAUTH:-}" ]; then
  [ "$scheme" = https ] || { echo "infra/azurite.sh: AZURITE_OAUTH needs https (AZURITE_CERT and AZURITE_KEY)" >&2; exit 2; }
  tls_args+=(--oauth "$AZURITE_OAUTH")
fi
endpoint="$scheme://127.0.0.1:$port/$account"

usage() { echo "usage: infra/azurite.sh start [--keep-location DIR] | stop | status   (port: AZURITE_BLOB_PORT, default 10000)" >&2; exit 2; }

running_pid() {
  # Prints the PID from the PID file if that process is alive (not a zombie awaiting its reaper after a
  # kill -9) and still an azurite process (not a recycled PID), else nothing.
  [ -f "$pidfile" ] || return 1
  local pid stat args; pid="$(cat "$pidfile")"
  [ -n "$pid" ] || return 1
  read -r stat args < <(ps -o stat=,args= -p "$pid" 2>/dev/null || true)
  [ -n "${stat:-}" ] && [[ "$stat" != Z* ]] && [[ "$args" == *azurite* ]] && { echo "$pid"; return 0; }
  return 1
}

print_info() {
  echo "AZURITE_PID=$1"
  echo "AZURITE_LOCATION=$(cat "$locfile" 2>/dev/null || true)"
  echo "AZURITE_BLOB_ENDPOINT=$endpoint"
  echo "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=$scheme;AccountName=$account;AccountKey=$key;BlobEndpoint=$endpoint;"
}

answers() {
  # Any HTTP status (an unauthenticated list request gets 403) means the blob service is up.
  local code
  code="$(curl -s -k -o /dev/null -m 2 -w '%{http_code}' "$scheme://127.0.0.1:$port/$account?comp=list" 2>/dev/null || true)"
  [ -n "$code" ] && [ "$code" != "000" ]
}

start() {
  local keep=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --keep-location) [ $# -ge 2 ] || usage; keep="$2"; shift 2 ;;
      *) usage ;;
    esac
  done
  mkdir -p "$run"
  local pid
  if pid="$(running_pid)"; then
    echo "infra/azurite.sh: azurite already running on port $port (pid $pid)" >&2
    print_info "$pid"; return 0
  fi
  command -v node >/dev/null || { echo "infra/azurite.sh: node is required" >&2; exit 2; }
  command -v curl >/dev/null || { echo "infra/azurite.sh: curl is required" >&2; exit 2; }
  local main="$here/node/node_modules/azurite/dist/src/blob/main.js"
  local install_log; install_log="$(mktemp)"
  if ! bash "$here/install-node-tools.sh" 2> "$install_log"; then
    if [ ! -f "$main" ]; then
      cat "$install_log" >&2; rm -f "$install_log"
      echo "infra/azurite.sh: installing the node tools failed and azurite is missing" >&2; exit 1
    fi
    echo "infra/azurite.sh: warning: install-node-tools.sh failed ($(grep -m1 -i 'error' "$install_log" || true)); using the azurite already in infra/node/node_modules" >&2
  fi
  rm -f "$install_log"
  [ -f "$main" ] || { echo "infra/azurite.sh: $main not found" >&2; exit 1; }

  local location
  if [ -n "$keep" ]; then
    [ -d "$keep" ] || { echo "infra/azurite.sh: --keep-location folder '$keep' does not exist" >&2; exit 1; }
    location="$(cd "$keep" && pwd)"
  else
    # Fresh data folder; remove the ones earlier runs on this port left behind.
    local old
    for old in "$run"/azurite-"$port"-*/; do [ -d "$old" ] && rm -rf "$old"; done
    location="$run/azurite-$port-$(date -u +%Y%m%dT%H%M%S)-$$"
    mkdir -p "$location"
  fi
  echo "$location" > "$locfile"

  echo "=== $(date -u +%FT%TZ) start port=$port location=$location" >> "$logfile"
  # setsid: azurite gets its own session, so it outlives this script and the caller's process group.
  setsid node "$main" --blobHost 127.0.0.1 --blobPort "$port" --location "$location" \
    --disableTelemetry --skipApiVersionCheck --loose "${tls_args[@]}" >> "$logfile" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$pidfile"
  if [ -n "${AZURITE_OWNER_PID:-}" ]; then
    # Tie azurite's life to its owner (e.g. a test process): if the owner dies without `stop`, so does azurite.
    setsid bash -c 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 2; done; kill "$2" 2>/dev/null' \
      azurite-owner-watch "$AZURITE_OWNER_PID" "$pid" > /dev/null 2>&1 < /dev/null &
  fi

  local i
  for i in $(seq 1 300); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "infra/azurite.sh: azurite exited during start-up; last log lines:" >&2
      tail -n 20 "$logfile" >&2; rm -f "$pidfile"; exit 1
    fi
    if answers; then print_info "$pid"; return 0; fi
    sleep 0.1
  done
  echo "infra/azurite.sh: azurite did not answer on port $port within 30 s; see $logfile" >&2
  kill "$pid" 2>/dev/null || true; rm -f "$pidfile"; exit 1
}

stop() {
  local pid
  if pid="$(running_pid)"; then
    kill "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    echo "infra/azurite.sh: stopped azurite on port $port (pid $pid)" >&2
  else
    echo "infra/azurite.sh: azurite is not running on port $port" >&2
  fi
  if [ -f "$locfile" ]; then
    local location; location="$(cat "$locfile")"
    # Only remove data folders this script created (never a foreign --keep-location folder).
    case "$location" in "$run"/azurite-"$port"-*) rm -rf "$location" ;; esac
    rm -f "$locfile"
  fi
  rm -f "$pidfile" "$logfile"
}

status() {
  local pid
  if pid="$(running_pid)" && answers; then print_info "$pid"; return 0; fi
  echo "infra/azurite.sh: azurite is not running on port $port" >&2
  return 1
}

cmd="${1:-}"; [ $# -gt 0 ] && shift
case "$cmd" in
  start) start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
