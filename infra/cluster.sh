#!/usr/bin/env bash
# Development cluster on this machine: Azurite, N MedChain silos and M API instances on 127.0.0.1,
# the silos' membership table in Azure Storage beside the state (or in Redis, with --redis). Its
# ports are its own, so it runs beside infra/start.sh's stack.
#   infra/cluster.sh up [N] [--redis]   start N silos (default 2) and MEDCHAIN_APIS API instances (default 2)
#   infra/cluster.sh down               stop every process it started, by pid
#   infra/cluster.sh storage | redis    start Azurite (on its data) or Redis again after a drill killed it
# Ports: API j http://127.0.0.1:5170+j; silo i /health and dashboard on 5190+i, silo port 11200+i,
# gateway 30100+i; Azurite 10100-10102; Redis 6390.
# State lives in .cluster/ (Azurite data, pid files, logs), owner-only. The key-encryption key, the
# storage account's key, Redis' password, the API instances' shared token key, the first sm-admin's
# keystore (keys/, level 128, its passphrase beside it: development only) and the deployment's TLS
# certificates (tls/) are generated once into .cluster/ and reused, so restarts read the stored state.
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

start_storage() { # Azurite on its data folder
  mkdir -p "$dir/azurite"
  AZURITE_ACCOUNTS="medchain:$(cat "$dir/storage.key")" start_bg azurite node infra/azurite/node_modules/azurite/dist/src/azurite.js --silent --disableTelemetry \
    --location "$dir/azurite" --skipApiVersionCheck --loose --blobHost 127.0.0.1 --blobPort 10100 --queueHost 127.0.0.1 --queuePort 10101 \
    --tableHost 127.0.0.1 --tablePort 10102
  wait_http http://127.0.0.1:10100/
}

start_redis() {
  start_bg redis redis-server --port 6390 --bind 127.0.0.1 --daemonize no --save "" --appendonly no --requirepass "$(cat "$dir/redis.password")"
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
  [ -s "$dir/jwt.key" ] || head -c 32 /dev/urandom | base64 -w0 >"$dir/jwt.key"
  [ -s "$dir/keys/sm-admin.passphrase" ] || { mkdir -p "$dir/keys"; head -c 24 /dev/urandom | base64 -w0 >"$dir/keys/sm-admin.passphrase"; }
  storage="DefaultEndpointsProtocol=http;AccountName=medchain;AccountKey=$(cat "$dir/storage.key");BlobEndpoint=http://127.0.0.1:10100/medchain;TableEndpoint=http://127.0.0.1:10102/medchain;"
  redis="127.0.0.1:6390,password=$(cat "$dir/redis.password")"
  start_storage
  if [ "$clustering" = Redis ]; then
    start_redis
  fi
  for project in src/Silo src/Api src/Client; do dotnet build -c Release --nologo -v quiet "$project" >/dev/null; done
  local client=src/Client/bin/Release/net10.0/MedChain.Client.dll
  if [ ! -f "$dir/keys/sm-admin.json" ]; then
    dotnet "$client" keys new --role sm-admin --id admin --level 128 --out "$dir/keys/sm-admin.json" --passphrase-file "$dir/keys/sm-admin.passphrase" >/dev/null
  fi
  local admin_key
  admin_key=$(dotnet "$client" keys show "$dir/keys/sm-admin.json" | sed -n 's/^public-key //p')
  for i in $(seq 0 $((n - 1))); do
    Urls="http://127.0.0.1:$((5190 + i))" \
    Silo__Clustering=$clustering Silo__RedisConnectionString="$redis" Silo__StorageConnectionString="$storage" \
    Silo__SiloPort=$((11200 + i)) Silo__GatewayPort=$((30100 + i)) \
    MedChain__KeyEncryptionKey="$(cat "$dir/kek")" \
    ClusterTls__CertificatePath="$dir/tls/node.pem" ClusterTls__KeyPath="$dir/tls/node.key" ClusterTls__AuthorityPath="$dir/tls/authority.pem" \
      start_bg "silo$i" dotnet src/Silo/bin/Release/net10.0/MedChain.Silo.dll
  done
  for i in $(seq 0 $((n - 1))); do wait_http "http://127.0.0.1:$((5190 + i))/health"; done
  local apis=${MEDCHAIN_APIS:-2}
  for j in $(seq 0 $((apis - 1))); do
    # Every instance signs tokens with the same key, so a token from one is good at the others.
    Urls="http://127.0.0.1:$((5170 + j))" \
    Api__AdminPublicKey="$admin_key" Api__JwtSigningKey="$(cat "$dir/jwt.key")" \
    Api__Clustering=$clustering Api__ClusteringConnectionString="$storage" Api__RedisConnectionString="$redis" \
    ClusterTls__CertificatePath="$dir/tls/node.pem" ClusterTls__KeyPath="$dir/tls/node.key" ClusterTls__AuthorityPath="$dir/tls/authority.pem" \
      start_bg "api$j" dotnet src/Api/bin/Release/net10.0/MedChain.Api.dll
  done
  for j in $(seq 0 $((apis - 1))); do wait_http "http://127.0.0.1:$((5170 + j))/health/ready"; done
  echo "MedChain cluster up: $n silos (membership in $clustering, dashboard http://127.0.0.1:5190/dashboard), $apis API instances at http://127.0.0.1:5170..$((5170 + apis - 1))"
  echo "  sm-admin keystore $dir/keys/sm-admin.json (passphrase in $dir/keys/sm-admin.passphrase)"
}

down() {
  # API instances first, then the silos (their shutdown still talks to Redis and Azurite), then Redis, then Azurite.
  for f in "$dir"/api*.pid "$dir"/silo*.pid "$dir"/redis.pid "$dir"/azurite.pid; do
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
  storage) start_storage ;;
  redis) start_redis ;;
  *) echo "usage: infra/cluster.sh up [N] [--redis] | down | storage | redis" >&2; exit 2 ;;
esac
