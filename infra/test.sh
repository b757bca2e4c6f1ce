#!/usr/bin/env bash
# Runs every test project of MedChain.sln (Release build) and ends with one line
# "N passed, N failed" summed over all test projects. Installs whatever the tests need first.
# Usage: bash infra/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# The grain tests run Azurite (their fixture installs it with npm ci) and redis-server (Debian);
# the stack of the demo check makes its certificates with openssl.
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -f infra/azurite/node_modules/azurite/dist/src/azurite.js ]; then
  (cd infra/azurite && npm ci --no-audit --no-fund --loglevel=error)
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

status=0
dotnet test MedChain.sln -c Release --nologo "$@" 2>&1 | tee "$log" || status=$?

# dotnet test prints one summary per test assembly:
#   "Passed!  - Failed:     0, Passed:    42, Skipped:     0, Total:    42, Duration: ..."
passed=0
failed=0
while read -r p f; do
  passed=$((passed + p))
  failed=$((failed + f))
done < <(sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), Passed: +([0-9]+),.*/\3 \2/p' "$log")

# The demo and the CLI smoke run, against a stack started the way README line 1 starts it (own
# data folder and ports), count as two more tests.
if [ "$status" -eq 0 ]; then
  demo_data="$(mktemp -d)"
  MEDCHAIN_DATA="$demo_data" MEDCHAIN_API_PORT=5280 MEDCHAIN_SILO_HTTP_PORT=5290 MEDCHAIN_SILO_PORT=11311 \
    MEDCHAIN_GATEWAY_PORT=30300 MEDCHAIN_AZURITE_PORT=10300 bash infra/start.sh >"$demo_data/start.log" 2>&1 &
  stack=$!
  up=0
  for _ in $(seq 1 360); do
    grep -q "MedChain is up" "$demo_data/start.log" && { up=1; break; }
    kill -0 "$stack" 2>/dev/null || break
    sleep 0.5
  done
  run_check() { # demo | cli-smoke
    case $1 in
      demo) dotnet src/Client/bin/Release/net10.0/MedChain.Client.dll demo --api http://127.0.0.1:5280 --admin-key "$demo_data/keys/sm-admin.json" ;;
      cli-smoke) bash infra/cli-smoke.sh http://127.0.0.1:5280 "$demo_data" ;;
    esac
  }
  for check in demo cli-smoke; do
    if [ "$up" = 1 ] && run_check "$check"; then
      passed=$((passed + 1))
    else
      echo "The $check failed; the stack's output:" >&2
      cat "$demo_data/start.log" >&2
      failed=$((failed + 1))
      status=1
    fi
  done
  kill -TERM "$stack" 2>/dev/null || true
  wait "$stack" 2>/dev/null || true
  rm -rf "$demo_data"
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or the test host failed before any summary: count that as a failure.
  failed=1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
