#!/bin/sh
# trail.sh: tlsfloor trail against plain decompression (gzip -dc, and
# in-process inflate) and zcat | jq computing the same grouping, on
# generated CloudTrail files in the S3 key layout, in one run.
#
#   bench/trail.sh                 # 2 GB of JSON
#   bench/trail.sh 4               # 4 GB
#   bench/trail.sh 2 /tmp/trail    # keep the data in /tmp/trail
#
# Needs gzip, jq and GNU time (/usr/bin/time, Debian package time). The
# table and the ratios against each goal are printed at the end; see
# bench/README.md, section "Trail", for the recorded runs.
set -eu
cd "$(dirname "$0")/.."
TLSFLOOR_BENCH=1 TLSFLOOR_BENCH_TRAIL_GB="${1:-2}" TLSFLOOR_BENCH_TRAIL_DIR="${2:-}" \
	exec go test -count=1 ./bench -run 'TestTrailPeers$' -v -timeout 60m
