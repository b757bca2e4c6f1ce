#!/usr/bin/env bash
# One-command start of MedChain on this machine, with local defaults:
# Azurite (storage), one silo and the HTTP API, all on 127.0.0.1, in the foreground.
# Ctrl-C / SIGTERM stops every process this script started, by pid. Data persists in
# $MEDCHAIN_DATA (default .medchain/), owner-only: Azurite's files, the key-encryption key, the JWT
# key, the deployment's TLS certificates (tls/, for the silo and gateway links) and the first
# sm-admin's keystore (keys/sm-admin.json, passphrase in keys/sm-admin.passphrase: a development
# convenience, see docs/security.md).
# Settings (environment): MEDCHAIN_DATA, MEDCHAIN_LEVEL (80|112|128, fixed at first start),
# MEDCHAIN_API_PORT (5080), MEDCHAIN_SILO_HTTP_PORT (5090), MEDCHAIN_SILO_PORT (11111),
# MEDCHAIN_GATEWAY_PORT (30000), MEDCHAIN_AZURITE_PORT (10000; +1 queue, +2 table).
set -euo pipefail
cd "$(dirname "$0")/.."

data=${MEDCHAIN_DATA:-.medchain}
api_port=${MEDCHAIN_API_PORT:-5080}
silo_http_port=${MEDCHAIN_SILO_HTTP_PORT:-5090}
silo_port=${MEDCHAIN_SILO_PORT:-11111}
gateway_port=${MEDCHAIN_GATEWAY_PORT:-30000}
blob_port=${MEDCHAIN_AZURITE_PORT:-10000}

log() { printf '[medchain] %s\n' "$*"; }
need() { command -v "$1" >/dev/null || { echo "medchain: $1 is required ($2)" >&2; exit 1; }; }
need dotnet "the .NET 10 SDK"
need node "Node.js, for Azurite"
need npm "Node.js, for Azurite"
need curl "to wait for the services"
need openssl "to make the deployment's TLS certificates"

mkdir -p "$data/azurite" "$data/keys" "$data/logs"
chmod 700 "$data"
secret_file() { # path, generator command: created once, owner-only
  [ -s "$1" ] || (umask 077 && "${@:2}" >"$1")
}
secret_file "$data/kek" sh -c 'head -c 32 /dev/urandom | base64'
secret_file "$data/jwt.key" sh -c 'head -c 32 /dev/urandom | base64'
secret_file "$data/keys/sm-admin.passphrase" sh -c 'head -c 24 /dev/urandom | base64'
bash infra/certificates.sh "$data" | sed 's/^/[medchain] /'
tls_env=(ClusterTls__CertificatePath="$data/tls/node.pem" ClusterTls__KeyPath="$data/tls/node.key" ClusterTls__AuthorityPath="$data/tls/authority.pem")
# The storage account of this deployment, with a key of its own (Azurite's published development
# account would let anything on the machine read and write the state). A data folder made before
# this file existed keeps the development account its state was written under.
if [ ! -s "$data/storage.account" ] && [ -n "$(ls -A "$data/azurite" 2>/dev/null)" ]; then
  (umask 077 && echo "devstoreaccount1:Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==" >"$data/storage.account")
  log "warning: $data/ predates per-deployment storage keys and keeps Azurite's development account"
fi
# Grain states of a folder made before MedChain stored them through Orleans' Azure provider are
# moved into the current format once, at this start (docs/backend.md, "Grain state").
migrate_state=false
if [ ! -e "$data/state-format" ] && [ -n "$(ls -A "$data/azurite" 2>/dev/null)" ]; then
  migrate_state=true
  log "moving grain states of an earlier format (once)"
fi
secret_file "$data/storage.account" sh -c 'echo "medchain:$(head -c 64 /dev/urandom | base64 -w0)"'
account=$(cut -d: -f1 "$data/storage.account")
account_key=$(cut -d: -f2- "$data/storage.account")
storage="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$account_key;BlobEndpoint=http://127.0.0.1:$blob_port/$account;TableEndpoint=http://127.0.0.1:$((blob_port + 2))/$account;"
[ -s "$data/level" ] || echo "${MEDCHAIN_LEVEL:-128}" >"$data/level"
level=$(cat "$data/level")
if [ -n "${MEDCHAIN_LEVEL:-}" ] && [ "$MEDCHAIN_LEVEL" != "$level" ]; then
  echo "medchain: $data was set up at level $level; use another MEDCHAIN_DATA for level $MEDCHAIN_LEVEL" >&2
  exit 1
fi

if [ ! -f infra/azurite/node_modules/azurite/dist/src/azurite.js ]; then
  log "installing Azurite (npm ci in infra/azurite)"
  (cd infra/azurite && npm ci --no-audit --no-fund --loglevel=error)
fi
log "building (Release)"
for project in src/Silo src/Api src/Client; do
  dotnet build -c Release --nologo -v quiet "$project" >"$data/logs/build.log" 2>&1 || { cat "$data/logs/build.log" >&2; exit 1; }
done
bin() { echo "src/$1/bin/Release/net10.0/MedChain.$1.dll"; }

if [ ! -f "$data/keys/sm-admin.json" ]; then
  dotnet "$(bin Client)" keys new --role sm-admin --id admin --level "$level" \
    --out "$data/keys/sm-admin.json" --passphrase-file "$data/keys/sm-admin.passphrase" >/dev/null
  log "made the first sm-admin key: $data/keys/sm-admin.json"
fi
admin_key=$(dotnet "$(bin Client)" keys show "$data/keys/sm-admin.json" | sed -n 's/^public-key //p')

pids=()
stop_all() {
  trap - EXIT
  trap "" INT TERM  # a second Ctrl-C must not cut the clean-up short
  # API first, then the silo (its shutdown still writes to storage), then Azurite.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "${pids[i]}" 2>/dev/null || break; sleep 0.25; done
    kill -9 "${pids[i]}" 2>/dev/null || true
  done
  log "stopped"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_bg() { # name, command...
  local name=$1; shift
  "$@" >"$data/logs/$name.log" 2>&1 &
  pids+=($!)
}
wait_http() { # url, name, [curl flag: -f to require a 2xx answer]
  for _ in $(seq 1 240); do
    curl ${3:-} -s -o /dev/null -m 2 "$1" && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  echo "medchain: $2 did not become ready; its log:" >&2
  tail -n 30 "$data/logs/$2.log" >&2
  exit 1
}

AZURITE_ACCOUNTS="$account:$account_key" start_bg azurite node infra/azurite/node_modules/azurite/dist/src/azurite.js --silent --disableTelemetry \
  --location "$data/azurite" --skipApiVersionCheck --loose \
  --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort $((blob_port + 1)) \
  --tableHost 127.0.0.1 --tablePort $((blob_port + 2))
wait_http "http://127.0.0.1:$blob_port/" azurite

Urls="http://127.0.0.1:$silo_http_port" \
Silo__StorageConnectionString="$storage" Silo__SiloPort="$silo_port" Silo__GatewayPort="$gateway_port" \
MedChain__SecurityLevel="$level" MedChain__KeyEncryptionKey="$(cat "$data/kek")" \
MedChain__MigrateStoredState="$migrate_state" \
  start_bg silo env "${tls_env[@]}" dotnet "$(bin Silo)"
wait_http "http://127.0.0.1:$silo_http_port/health" silo -f
echo 2 >"$data/state-format"

Urls="http://127.0.0.1:$api_port" \
Api__AdminPublicKey="$admin_key" Api__JwtSigningKey="$(cat "$data/jwt.key")" Api__GatewayPort="$gateway_port" \
  start_bg api env "${tls_env[@]}" dotnet "$(bin Api)"
wait_http "http://127.0.0.1:$api_port/health/ready" api -f

log "MedChain is up (level $level, data in $data/)"
log "  API        http://127.0.0.1:$api_port"
log "  API docs   http://127.0.0.1:$api_port/scalar"
log "  dashboard  http://127.0.0.1:$silo_http_port/dashboard"
log "  sm-admin   $data/keys/sm-admin.json (passphrase in $data/keys/sm-admin.passphrase)"
log "  demo       dotnet run --project src/Client -- demo --api http://127.0.0.1:$api_port"
log "Ctrl-C stops everything."
wait -n "${pids[@]}" || true
echo "medchain: a process exited; stopping the others (logs in $data/logs/)" >&2
exit 1
