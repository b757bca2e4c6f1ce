#!/usr/bin/env bash
# Development cluster on this machine: Azurite, Redis and N MedChain silos on 127.0.0.1.
#   infra/cluster.sh up [N]   start (default N = 2); silo i answers /health on 5090+i
#   infra/cluster.sh down     stop every process it started, by pid
# State lives in .cluster/ (Azurite data, pid files, logs). The key-encryption key is generated
# once into .cluster/kek and reused, so restarts can read the stored keys.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.cluster
mkdir -p "$dir"

start_bg() { # name, then the command; records the pid
  local name=$1; shift
  "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

wait_http() { # url
  for _ in $(seq 1 120); do
    curl -s -o /dev/null -m 1 "$1" && return 0
    sleep 0.5
  done
  echo "timed out waiting for $1" >&2
  return 1
}

up() {
  local n=${1:-2}
  [ -f infra/azurite/node_modules/azurite/dist/src/azurite.js ] || (cd infra/azurite && npm ci --no-audit --no-fund --loglevel=error)
  command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
  [ -f "$dir/kek" ] || head -c 32 /dev/urandom | base64 >"$dir/kek"
  mkdir -p "$dir/azurite"
  start_bg azurite node infra/azurite/node_modules/azurite/dist/src/azurite.js --silent --disableTelemetry \
    --location "$dir/azurite" --skipApiVersionCheck --loose --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1
  start_bg redis redis-server --port 6390 --bind 127.0.0.1 --daemonize no --save "" --appendonly no
  wait_http http://127.0.0.1:10000/
  dotnet build -c Release src/Silo >/dev/null
  for i in $(seq 0 $((n - 1))); do
    Urls="http://127.0.0.1:$((5090 + i))" \
    Silo__Clustering=Redis Silo__RedisConnectionString=127.0.0.1:6390 \
    Silo__SiloPort=$((11111 + i)) Silo__GatewayPort=$((30000 + i)) \
    MedChain__KeyEncryptionKey="$(cat "$dir/kek")" \
      start_bg "silo$i" dotnet src/Silo/bin/Release/net10.0/MedChain.Silo.dll
  done
  for i in $(seq 0 $((n - 1))); do wait_http "http://127.0.0.1:$((5090 + i))/health"; done
  echo "MedChain cluster up: $n silos (dashboard http://127.0.0.1:5090/dashboard)"
}

down() {
  # Silos first (their shutdown still talks to Redis and Azurite), then Redis, then Azurite.
  for f in "$dir"/silo*.pid "$dir"/redis.pid "$dir"/azurite.pid; do
    [ -e "$f" ] || continue
    local pid
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$f"
  done
  echo "MedChain cluster down"
}

case "${1:-}" in
  up) up "${2:-2}" ;;
  down) down ;;
  *) echo "usage: infra/cluster.sh up [N] | down" >&2; exit 2 ;;
esac
