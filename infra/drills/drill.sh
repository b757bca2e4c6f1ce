#!/usr/bin/env bash
# One fault drill against a cluster of this machine: infra/cluster.sh brings up 2 silos and 2 API
# instances, the load driver (bench/MedChain.Load) runs its mix against the first API for
# MEDCHAIN_DRILL_SECONDS (60), the fault strikes at 20 s (and is repaired at 30 s where it has a
# repair), then the driver checks the ledger and the cluster goes down. The last line says whether
# the drill passed: no answer 500, service back within the bound after the fault, no acknowledged
# record lost, every chain consistent. Reports: .cluster/drill-<name>.json and .md.
#   infra/drills/drill.sh silo-kill | storage-pause | storage-kill | membership-kill
set -euo pipefail
cd "$(dirname "$0")/../.."
name=${1:-}
seconds=${MEDCHAIN_DRILL_SECONDS:-60}
pid() { echo "\$(cat .cluster/$1.pid)"; }
cluster_args=(2)
recover=()
bound=15
case "$name" in
  silo-kill)       fault="kill -9 $(pid silo0)" ;;
  storage-pause)   fault="kill -STOP $(pid azurite)"; recover=(--recover "kill -CONT $(pid azurite)"); bound=30 ;;
  storage-kill)    fault="kill -9 $(pid azurite)"; recover=(--recover "infra/cluster.sh storage"); bound=30 ;;
  membership-kill) cluster_args=(2 --redis); fault="kill -9 $(pid redis)"; recover=(--recover "infra/cluster.sh redis"); bound=30 ;;
  *) echo "usage: infra/drills/drill.sh silo-kill | storage-pause | storage-kill | membership-kill" >&2; exit 2 ;;
esac
infra/cluster.sh down >/dev/null
trap 'infra/cluster.sh down >/dev/null' EXIT
infra/cluster.sh up "${cluster_args[@]}"
dotnet build -c Release --nologo -v quiet bench/MedChain.Load >/dev/null
dotnet bench/MedChain.Load/bin/Release/net10.0/MedChain.Load.dll --api http://127.0.0.1:5170 \
  --admin-key .cluster/keys/sm-admin.json --admin-passphrase-file .cluster/keys/sm-admin.passphrase \
  --seconds "$seconds" --concurrency 16 --fault "$fault" --fault-after 20 "${recover[@]}" --recover-after 30 \
  --recovery-bound "$bound" --out ".cluster/drill-$name"
