#!/usr/bin/env bash
# Runs the money-invariant sequences longer than CI does: N seeds per world
# (default 200), then prints how long it took. A failure names its seed;
# replay it with LTC_PROPERTY_SEED=SEED swift test --filter MoneyInvariant
# (LTC_PROPERTY_STEPS=1 prints every step). The sequences run one at a time:
# run all at once, hundreds of them share the machine and each outlasts its
# test's ten-minute limit.
set -euo pipefail
cd "$(dirname "$0")/../.."
sequences="${1:-200}"
started=$(date +%s)
status=0
output=$(LTC_PROPERTY_SEQUENCES="$sequences" swift test --no-parallel --filter MoneyInvariant 2>&1) || status=$?
grep -E '✘|✔ Test "|seed [0-9]+ \(replay|^  ' <<<"$output" || true
echo "$sequences sequences per world in $(( $(date +%s) - started )) s"
exit "$status"
