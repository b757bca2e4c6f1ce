#!/usr/bin/env bash
# The deployment's certificates for mutual TLS on the cluster's links, made once into DIR/tls/:
#   authority.pem / authority.key  the deployment authority (self-signed P-256, 10 years)
#   node.pem / node.key            the node certificate every silo and API process shows
#                                  (issued by the authority, server and client authentication)
# Owner-only. A peer is accepted when the authority issued its certificate; keep authority.key
# away from the nodes in production (it is only needed to issue more node certificates).
# Usage: infra/certificates.sh DIR   (prints nothing when the files exist)
set -euo pipefail
dir=${1:?usage: infra/certificates.sh DIR}/tls
command -v openssl >/dev/null || { echo "medchain: openssl is required to make the deployment's certificates (apt-get install -y openssl)" >&2; exit 1; }
[ -s "$dir/node.pem" ] && [ -s "$dir/node.key" ] && [ -s "$dir/authority.pem" ] && exit 0
umask 077
mkdir -p "$dir"
chmod 700 "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
  -subj "/CN=MedChain deployment authority" \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$work/authority.key" -out "$work/authority.pem" 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -subj "/CN=medchain-node" \
  -keyout "$work/node.key" -out "$work/node.csr" 2>/dev/null
printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
  "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=DNS:medchain-node" >"$work/node.ext"
openssl x509 -req -in "$work/node.csr" -CA "$work/authority.pem" -CAkey "$work/authority.key" -sha256 -days 825 \
  -set_serial "0x$(openssl rand -hex 16)" -extfile "$work/node.ext" -out "$work/node.pem" 2>/dev/null
mv "$work/authority.key" "$work/authority.pem" "$work/node.key" "$work/node.pem" "$dir/"
echo "made the deployment's certificates: $dir/"
