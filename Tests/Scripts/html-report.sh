#!/usr/bin/env bash
# Renders the fund report of the demo city in a real headless browser
# (Debian's chromium) and checks that a screenshot of it is made and that the
# page holds the settlement's figures. Run after `swift build`; .ci/run runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "html-report: no chromium; install Debian's chromium package" >&2
    exit 1
fi
ltc=$(swift build --show-bin-path)/ltc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$ltc" demo --db "$work/demo.sqlite" > "$work/demo.txt"
options=(--db "$work/demo.sqlite" --actor administrator:demo --as-of 2026-05-10)
"$ltc" report --month 2026-04 --html "$work/report.html" "${options[@]}" > /dev/null
"$ltc" report --month 2026-04 --json "${options[@]}" > "$work/report.json"

# The page shows the fund share the settlement paid, to the fen (thousands grouped),
# institution names beside their ids, bilingual column names and total rows.
fund=$(python3 -c 'import json,sys; print("{:,.2f}".format(json.load(open(sys.argv[1]))["fund"]))' "$work/report.json")
grep -q "¥$fund" "$work/report.html" || { echo "html-report: the page does not show the fund share ¥$fund" >&2; exit 1; }
grep -q "<svg" "$work/report.html" || { echo "html-report: the page has no chart" >&2; exit 1; }
grep -q "I001 静安居家护理站" "$work/report.html" || { echo "html-report: the page does not name institution I001" >&2; exit 1; }
grep -q "基金支付 <span>fund share</span>" "$work/report.html" || { echo "html-report: the columns are not named in Chinese and English" >&2; exit 1; }
grep -q "合计 total" "$work/report.html" || { echo "html-report: the tables have no total row" >&2; exit 1; }

timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,1600 \
    --screenshot="$work/report.png" "file://$work/report.html" > "$work/chromium.log" 2>&1 || {
    cat "$work/chromium.log" >&2
    echo "html-report: chromium failed" >&2
    exit 1
}
size=$(stat -c %s "$work/report.png")
if [ "$size" -lt 20000 ]; then
    echo "html-report: the screenshot is only $size bytes; the page did not render" >&2
    exit 1
fi
echo "html-report: chromium rendered the report of fund share ¥$fund ($size-byte screenshot)"
