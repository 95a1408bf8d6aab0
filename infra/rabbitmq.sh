#!/usr/bin/env bash
# A private RabbitMQ broker (Debian package rabbitmq-server, 3.10) for tests, benchmarks and development: one node
# or a local cluster of N nodes on 127.0.0.1, each with its own ports, data folder and Erlang cookie, without
# systemd. Management plugin off.
#
#   infra/rabbitmq.sh install                      apt-get install rabbitmq-server (if missing)
#   infra/rabbitmq.sh start  [--port P] [--nodes N] start node(s); waits until each answers; prints PIPELINE_BROKER=amqp://…
#   infra/rabbitmq.sh stop   [--port P] [--keep]    stop the node(s) (rabbitmqctl stop, then the PID), remove the data (unless --keep)
#   infra/rabbitmq.sh restart-node [--port P] [--node I]  stop node I (default 0) and start it again on the same data
#   infra/rabbitmq.sh stop-node [--port P] [--node I]     stop node I only (a cluster loses a member)
#   infra/rabbitmq.sh status [--port P]              exit 0 and print the broker URI if node 0 answers, else exit 1
#
# Ports (P defaults to RABBITMQ_PORT or 5672): node i listens for AMQP on P+i, for Erlang distribution on P+10+i;
# the nodes' own epmd listens on P+20 (127.0.0.1 only). Everything lives in /tmp/pipeline-rabbitmq-P/ (owned by the
# `rabbitmq` user, which the broker runs as; /tmp is traversable, /root is not): nodeI/{mnesia,log,home,…}.
# Every node of a broker shares one random Erlang cookie, written to nodeI/home/.erlang.cookie (mode 400), and
# rabbitmqctl runs with HOME there, so it never touches /var/lib/rabbitmq or another broker's cookie.
# With RABBITMQ_OWNER_PID set, `start` also leaves a watcher that stops the broker once that process has exited (so a
# test run that is killed leaves no broker behind).
# The user is `pipeline` with the password in RABBITMQ_PASSWORD (default: `pipeline`, for this private loopback broker).
set -euo pipefail

cmd="${1:-}"; [ $# -gt 0 ] && shift
port="${RABBITMQ_PORT:-5672}"
nodes=1
keep=0
node_index=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --nodes) nodes="$2"; shift 2 ;;
    --node) node_index="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "infra/rabbitmq.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
password="${RABBITMQ_PASSWORD:-pipeline}"
base="/tmp/pipeline-rabbitmq-$port"
bin=/usr/lib/rabbitmq/bin
export ERL_EPMD_ADDRESS=127.0.0.1
export ERL_EPMD_PORT=$((port + 20))

usage() { echo "usage: infra/rabbitmq.sh install | start [--port P] [--nodes N] | stop [--port P] [--keep] | restart-node|stop-node [--port P] [--node I] | status [--port P]" >&2; exit 2; }

install() {
  if [ -x "$bin/rabbitmq-server" ] && command -v erl >/dev/null; then return 0; fi
  echo "infra/rabbitmq.sh: installing rabbitmq-server (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  # The package's postinst would start a system-wide node; policy-rc.d (exit 101) forbids that during install.
  local policy=/usr/sbin/policy-rc.d added=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; added=1; fi
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends rabbitmq-server >&2 || { [ $added = 1 ] && rm -f "$policy"; exit 1; }
  [ $added = 1 ] && rm -f "$policy"
  # Stop a system node the package may have started anyway (only one started by the package: its PID file).
  if [ -f /run/rabbitmq/pid ] || pgrep -u rabbitmq -f 'rabbit@' >/dev/null 2>&1; then
    HOME=/var/lib/rabbitmq "$bin/rabbitmqctl" stop >/dev/null 2>&1 || true
  fi
  return 0
}

node_name() { echo "rabbit-$port-$1@localhost"; }
node_dir() { echo "$base/node$1"; }

# Runs a RabbitMQ command as the rabbitmq user with node I's environment.
as_node() {
  local i="$1"; shift
  local d; d="$(node_dir "$i")"
  runuser -u rabbitmq -- env \
    HOME="$d/home" \
    ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT="$ERL_EPMD_PORT" \
    RABBITMQ_NODENAME="$(node_name "$i")" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT=$((port + i)) \
    RABBITMQ_DIST_PORT=$((port + 10 + i)) \
    RABBITMQ_MNESIA_BASE="$d/mnesia" \
    RABBITMQ_LOG_BASE="$d/log" \
    RABBITMQ_CONFIG_FILE="$d/rabbitmq" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$d/advanced.config" \
    RABBITMQ_CONF_ENV_FILE="$d/rabbitmq-env.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$d/enabled_plugins" \
    RABBITMQ_PLUGINS_EXPAND_DIR="$d/plugins-expand" \
    RABBITMQ_PID_FILE="$d/rabbitmq.pid" \
    RABBITMQ_USE_LONGNAME=false \
    "$@"
}

ctl() { local i="$1"; shift; as_node "$i" "$bin/rabbitmqctl" -n "$(node_name "$i")" "$@"; }

prepare_node() {
  local i="$1" cookie="$2"
  local d; d="$(node_dir "$i")"
  mkdir -p "$d/home" "$d/mnesia" "$d/log" "$d/plugins-expand"
  printf '%s' "$cookie" > "$d/home/.erlang.cookie"
  chmod 400 "$d/home/.erlang.cookie"
  cat > "$d/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$((port + i))
loopback_users = none
default_user = pipeline
default_pass = $password
default_vhost = /
log.file.level = warning
log.console = false
EOF
  echo '[].' > "$d/advanced.config"
  : > "$d/rabbitmq-env.conf"
  echo '[].' > "$d/enabled_plugins"
  chown -R rabbitmq:rabbitmq "$d"
}

start_node() {
  local i="$1"
  local d; d="$(node_dir "$i")"
  rm -f "$d/rabbitmq.pid"
  # setsid: the node does not die with the calling shell or test process group; stop kills it by PID.
  as_node "$i" setsid "$bin/rabbitmq-server" > "$d/log/console.out" 2>&1 < /dev/null &
  # `rabbitmqctl wait` returns once the node has booted (or fails if the pid exits).
  local t=0
  until [ -s "$d/rabbitmq.pid" ]; do
    sleep 0.5; t=$((t + 1))
    if [ $t -gt 120 ]; then echo "infra/rabbitmq.sh: node $(node_name "$i") wrote no PID file; log:" >&2; tail -20 "$d/log/console.out" >&2; exit 1; fi
  done
  if ! ctl "$i" wait --timeout 120 "$d/rabbitmq.pid" >/dev/null 2>&1; then
    echo "infra/rabbitmq.sh: node $(node_name "$i") did not start; log:" >&2; tail -30 "$d/log/console.out" >&2; exit 1
  fi
}

stop_node() {
  local i="$1"
  local d; d="$(node_dir "$i")"
  [ -d "$d" ] || return 0
  local pid=""; [ -s "$d/rabbitmq.pid" ] && pid="$(cat "$d/rabbitmq.pid")"
  ctl "$i" stop --timeout 60 >/dev/null 2>&1 || true
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$d/rabbitmq.pid"
}

uri() { echo "amqp://pipeline:$password@127.0.0.1:$1/"; }

print_info() {
  local uris=""
  for i in $(seq 0 $((nodes - 1))); do uris="$uris${uris:+,}$(uri $((port + i)))"; done
  echo "RABBITMQ_BASE=$base"
  echo "PIPELINE_BROKER=$uris"
}

case "$cmd" in
  install) install ;;
  start)
    install
    if [ -d "$base" ]; then
      echo "infra/rabbitmq.sh: $base exists (a broker on port $port?); stop it first: infra/rabbitmq.sh stop --port $port" >&2; exit 1
    fi
    mkdir -p "$base"; chmod 755 "$base"; chown rabbitmq:rabbitmq "$base"
    echo "$nodes" > "$base/nodes"
    cookie="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F')"
    for i in $(seq 0 $((nodes - 1))); do prepare_node "$i" "$cookie"; done
    start_node 0
    for i in $(seq 1 $((nodes - 1))); do
      start_node "$i"
      ctl "$i" stop_app >/dev/null
      ctl "$i" join_cluster "$(node_name 0)" >/dev/null
      ctl "$i" start_app >/dev/null
    done
    if [ -n "${RABBITMQ_OWNER_PID:-}" ]; then
      self="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/rabbitmq.sh"
      setsid bash -c "while kill -0 $RABBITMQ_OWNER_PID 2>/dev/null; do sleep 2; done; [ -d '$base' ] && bash '$self' stop --port $port" >/dev/null 2>&1 < /dev/null &
    fi
    print_info
    ;;
  restart-node)
    [ -d "$base" ] || { echo "infra/rabbitmq.sh: no broker on port $port" >&2; exit 1; }
    stop_node "$node_index"
    start_node "$node_index"
    ;;
  stop-node)
    [ -d "$base" ] || { echo "infra/rabbitmq.sh: no broker on port $port" >&2; exit 1; }
    stop_node "$node_index"
    ;;
  stop)
    [ -d "$base" ] || exit 0
    n="$(cat "$base/nodes" 2>/dev/null || echo 1)"
    for i in $(seq $((n - 1)) -1 0); do stop_node "$i"; done
    # The nodes' private epmd (started by the first node) goes with them.
    epmd -port "$ERL_EPMD_PORT" -kill >/dev/null 2>&1 || true
    [ $keep = 1 ] || rm -rf "$base"
    ;;
  status)
    [ -d "$base" ] || exit 1
    nodes="$(cat "$base/nodes" 2>/dev/null || echo 1)"
    ctl 0 status >/dev/null 2>&1 || exit 1
    print_info
    ;;
  *) usage ;;
esac
