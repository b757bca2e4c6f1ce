#!/usr/bin/env bash
# Development cluster on this machine: Azurite and N MedChain silos on 127.0.0.1, their membership
# table in Azure Storage beside the state (or in Redis, with --redis).
#   infra/cluster.sh up [N] [--redis]   start (default N = 2); silo i answers /health on 5090+i
#   infra/cluster.sh down               stop every process it started, by pid
# State lives in .cluster/ (Azurite data, pid files, logs), owner-only. The key-encryption key, the
# storage account's key, Redis' password and the deployment's TLS certificates (tls/) are generated
# once into .cluster/ and reused, so restarts can read the stored state.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077
dir=.cluster
mkdir -p "$dir"
chmod 700 "$dir"

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
  local n=${1:-2} clustering=AzureStorage
  [ "${2:-}" = --redis ] && clustering=Redis
  [ -f infra/azurite/node_modules/azurite/dist/src/azurite.js ] || (cd infra/azurite && npm ci --no-audit --no-fund --loglevel=error)
  if [ "$clustering" = Redis ]; then
    command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
  fi
  [ -s "$dir/kek" ] || head -c 32 /dev/urandom | base64 >"$dir/kek"
  [ -s "$dir/storage.key" ] || head -c 64 /dev/urandom | base64 -w0 >"$dir/storage.key"
  bash infra/certificates.sh "$dir"
  [ -s "$dir/redis.password" ] || head -c 24 /dev/urandom | base64 -w0 | tr -d '/+=' >"$dir/redis.password"
  local storage redis
  storage="DefaultEndpointsProtocol=http;AccountName=medchain;AccountKey=$(cat "$dir/storage.key");BlobEndpoint=http://127.0.0.1:10000/medchain;TableEndpoint=http://127.0.0.1:10002/medchain;"
  redis="127.0.0.1:6390,password=$(cat "$dir/redis.password")"
  mkdir -p "$dir/azurite"
  AZURITE_ACCOUNTS="medchain:$(cat "$dir/storage.key")" start_bg azurite node infra/azurite/node_modules/azurite/dist/src/azurite.js --silent --disableTelemetry \
    --location "$dir/azurite" --skipApiVersionCheck --loose --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1
  if [ "$clustering" = Redis ]; then
    start_bg redis redis-server --port 6390 --bind 127.0.0.1 --daemonize no --save "" --appendonly no --requirepass "$(cat "$dir/redis.password")"
  fi
  wait_http http://127.0.0.1:10000/
  dotnet build -c Release src/Silo >/dev/null
  for i in $(seq 0 $((n - 1))); do
    Urls="http://127.0.0.1:$((5090 + i))" \
    Silo__Clustering=$clustering Silo__RedisConnectionString="$redis" Silo__StorageConnectionString="$storage" \
    Silo__SiloPort=$((11111 + i)) Silo__GatewayPort=$((30000 + i)) \
    MedChain__KeyEncryptionKey="$(cat "$dir/kek")" \
    ClusterTls__CertificatePath="$dir/tls/node.pem" ClusterTls__KeyPath="$dir/tls/node.key" ClusterTls__AuthorityPath="$dir/tls/authority.pem" \
      start_bg "silo$i" dotnet src/Silo/bin/Release/net10.0/MedChain.Silo.dll
  done
  for i in $(seq 0 $((n - 1))); do wait_http "http://127.0.0.1:$((5090 + i))/health"; done
  echo "MedChain cluster up: $n silos, membership in $clustering (dashboard http://127.0.0.1:5090/dashboard)"
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
  up) up "${2:-2}" "${3:-}" ;;
  down) down ;;
  *) echo "usage: infra/cluster.sh up [N] [--redis] | down" >&2; exit 2 ;;
esac
