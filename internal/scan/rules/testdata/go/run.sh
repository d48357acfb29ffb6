#!/bin/sh
set -eu
export GODEBUG="${GODEBUG:-},tls10server=1" # want "TF-GO-005"
GODEBUG=tls3des=1 ./server & # want "TF-GO-006"
env GODEBUG=tlsmlkem=0 ./client # want "TF-GO-007"
echo "do not use GODEBUG=tls10server=1" # ok "TF-GO-005"
# GODEBUG=tls10server=1 ./old # ok "TF-GO-005"
GODEBUG=http2client=0 ./client # ok "TF-GO-005" "TF-GO-006" "TF-GO-007"
