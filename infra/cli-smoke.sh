#!/usr/bin/env bash
# Drives the `medchain` CLI through every command against a running MedChain, as the people who
# use it would: the sm-admin admits a hospital, whose operator registers a doctor and two patients
# (with their enrollment proofs), the doctor adds a record from stdin, the patient finds it,
# grants consent and hands over a share ticket, the doctor reads the history, the consent is
# revoked, the ledger and a receipt are verified, a witness checks and cosigns every log, two
# patients match.
# Usage: bash infra/cli-smoke.sh API_URL DATA_DIR   (DATA_DIR as made by infra/start.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
api=$1
data=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "cli-smoke-passphrase" >"$work/pass"
run=$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
hospital=cli-$run-h

mc() { dotnet src/Client/bin/Release/net10.0/MedChain.Client.dll --api "$api" --passphrase-file "$work/pass" "$@"; }
admin() { dotnet src/Client/bin/Release/net10.0/MedChain.Client.dll --api "$api" --passphrase-file "$data/keys/sm-admin.passphrase" "$@" --key "$data/keys/sm-admin.json"; }
field() { sed -n "s/^$1 //p"; }
step() { printf '[cli-smoke] %s\n' "$*"; }

step "system setup, keys, hospital admission"
admin system setup >/dev/null
mc keys new --role hospital --id "$hospital" --out "$work/h.json" >/dev/null
admin hospital admit --hospital-id "$hospital" --operator-keystore "$work/h.json" >/dev/null
for who in doctor patient other; do
  role=patient; [ "$who" = doctor ] && role=doctor
  # A doctor's or patient's id is derived from his key (keys new prints it).
  printf -v "$who" '%s' "$(mc keys new --role "$role" --out "$work/$who.json" | field id)"
done

step "enrollment and registration"
enroll=$(mc keys enroll --keystore "$work/doctor.json" --hospital-id "$hospital")
mc hospital register-doctor --key "$work/h.json" --id "$doctor" --public-key "$(field public-key <<<"$enroll")" --proof "$(field proof <<<"$enroll")" >/dev/null
for who in patient other; do
  enroll=$(mc keys enroll --keystore "$work/$who.json" --hospital-id "$hospital")
  alpha=$(mc hospital register-patient --key "$work/h.json" --id "${!who}" --public-key "$(field public-key <<<"$enroll")" --proof "$(field proof <<<"$enroll")" | field alpha)
  if [ "$who" = patient ]; then
    patient_key=$(field public-key <<<"$enroll")
    patient_alpha=$alpha
  fi
done

step "record add (stdin), seal, search"
record=$(echo "cli diagnosis $run" | mc record add --key "$work/doctor.json" --patient-id "$patient" --patient-key "$patient_key" \
  --alpha "$patient_alpha" --symptom R50.9 | sed -n 's/^record \([0-9A-F]*\) .*/\1/p')
[ -n "$record" ]
mc hospital seal --key "$work/h.json" >/dev/null
mc search --key "$work/patient.json" --symptom R50.9 | grep -q "cli diagnosis $run"
[ -z "$(mc search --key "$work/patient.json" --symptom J45.909)" ]

step "consent, history, revocation"
consent=$(mc consent grant --key "$work/patient.json" --doctor-id "$doctor" --symptom R50.9 --out "$work/ticket.json" | sed -n 's/^consent \([^ ]*\) .*/\1/p')
mc history --key "$work/doctor.json" --ticket "$work/ticket.json" 2>/dev/null | grep -q "cli diagnosis $run"
mc consent list --key "$work/patient.json" | grep -q "$consent"
mc consent revoke --key "$work/patient.json" --consent-id "$consent" >/dev/null
if mc history --key "$work/doctor.json" --ticket "$work/ticket.json" >/dev/null 2>&1; then
  echo "cli-smoke: history was shared after the revocation" >&2
  exit 1
fi

step "ledger and receipt"
mc ledger verify --key "$work/doctor.json" --hospital-id "$hospital" | grep -q "chain valid"
mc receipt verify --key "$work/doctor.json" --hospital-id "$hospital" --record-id "$record" | grep -q "receipt valid"

step "witness register and run (twice: the second checks the logs only grew)"
mc keys new --role witness --id "w-$run" --out "$work/witness.json" >/dev/null
admin witness register --witness-keystore "$work/witness.json" >/dev/null
mc witness run --key "$work/witness.json" --state "$work/witness" | grep -q ", 0 problems"
mc witness run --key "$work/witness.json" --state "$work/witness" | grep -q ", 0 problems"

step "match"
mc match --key "$work/patient.json" --session "s-$run" --peer "$other" --symptom R50.9 --initiator >"$work/m1" &
first=$!
sleep 1
mc match --key "$work/other.json" --session "s-$run" --peer "$patient" --symptom R50.9 >"$work/m2"
wait "$first"
grep -q "matched" "$work/m1" && grep -q "matched" "$work/m2"

step "key rotation, then revocation"
mc keys rotate --key "$work/other.json" --out "$work/other-2.json" | grep -q "^id $other$"
mc login --key "$work/other-2.json" >/dev/null
if mc login --key "$work/other.json" >/dev/null 2>&1; then
  echo "cli-smoke: the rotated-away key still logs in" >&2
  exit 1
fi
admin revoke --role patient --id "$other" >/dev/null
if mc login --key "$work/other-2.json" >/dev/null 2>&1; then
  echo "cli-smoke: a revoked key still logs in" >&2
  exit 1
fi
step "passed"
