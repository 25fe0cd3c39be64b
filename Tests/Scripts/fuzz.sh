#!/usr/bin/env bash
# Fuzzes what ltc reads from outside with libFuzzer: the JSON parser, the
# service-log reader, the form and scheme decoders and the JSON-RPC line
# handler (Sources/ltc-fuzz, docs/testing.md).
#
#   Tests/Scripts/fuzz.sh [SECONDS] [TARGET...]     default: 30 seconds each, every target
#
# Builds the instrumented binary in .build/fuzz (LTC_FUZZ=1), starts each
# target from the project's examples plus the corpus kept from earlier runs
# in .build/fuzz/corpus/TARGET, and stops at the first crash, leak or
# timeout, leaving the input in .build/fuzz/artifacts. Replay one with a
# plain build: swift run ltc-fuzz TARGET FILE.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json logs form scheme rpc)

mkdir -p .build/fuzz
if ! LTC_FUZZ=1 swift build --product ltc-fuzz -c release --scratch-path .build/fuzz > .build/fuzz/build.log 2>&1; then
    grep -E "error" .build/fuzz/build.log | head -20 >&2
    echo "the fuzzer did not build (.build/fuzz/build.log)" >&2
    exit 1
fi
fuzzer=.build/fuzz/release/ltc-fuzz
swift build --product ltc-fuzz > /dev/null
mkdir -p .build/fuzz/artifacts

for target in "${targets[@]}"; do
    corpus=.build/fuzz/corpus/$target
    .build/debug/ltc-fuzz seed "$target" "$corpus" > /dev/null
    log=.build/fuzz/$target.log
    if LTC_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix=".build/fuzz/artifacts/$target-" "$corpus" > "$log" 2>&1; then
        echo "$target: $(grep -E '^Done' "$log" | tail -1)"
    else
        echo "$target: the fuzzer found an input that fails (.build/fuzz/artifacts/$target-*):" >&2
        grep -E "ERROR|Fatal error|SUMMARY|in \\\$s.*LTC" "$log" | head -20 >&2
        exit 1
    fi
done
