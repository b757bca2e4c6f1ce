#!/usr/bin/env bash
# Runs every test project of MedChain.sln (Release build) and ends with one line
# "N passed, N failed" summed over all test projects. Installs whatever the tests need first.
# Usage: bash infra/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# The grain tests run Azurite (their fixture installs it with npm ci) and redis-server (Debian).
if ! command -v redis-server >/dev/null 2>&1; then
  echo "Installing redis-server..."
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
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

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or the test host failed before any summary: count that as a failure.
  failed=1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
