#!/usr/bin/env bash
# Every ltc-bench scenario at a small N, so that none rots unnoticed: each
# must exit 0 (the figures are not checked; they mean little at this size).
# Usage: bench-smoke.sh [postgresql://…]  (the server scenarios run too when given)
# Needs the release build (swift build -c release), run from the package folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=${LTC_BENCH:-.build/release/ltc-bench}
scratch=$(mktemp -d /tmp/ltc-bench-smoke.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
run() { echo "== ltc-bench $*"; "$bench" "$@" > "$scratch/out" 2>&1 || { cat "$scratch/out"; echo "bench-smoke: ltc-bench $* failed"; exit 1; }; tail -3 "$scratch/out"; }
run rpc-score loop 2000
run rpc-score process 2000
run logs 5000
run month 5000
run submitters 21000
run gen "$scratch/city.sqlite" 2000
run monitor 5000
run serve 2000
if [ $# -ge 1 ]; then
    run logs 5000 --db "$1"
    run submitters 21000 --db "$1"
    run serve 2000 --db "$1"
fi
echo "bench-smoke: every scenario ran"
