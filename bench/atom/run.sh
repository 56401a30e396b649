#!/usr/bin/env bash
# Atom parsing throughput: paperboy's parse_atom against Python's feedparser on the same
# generated 2000-entry feed (bench/README.md). Usage: bench/atom/run.sh [CXX_ITERATIONS] [PY_ITERATIONS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"  # cd to the repository root

CXX_ITERATIONS=${1:-20}
PY_ITERATIONS=${2:-3}
ENTRIES=2000
PY=/usr/bin/python3  # Debian's, which has python3-feedparser (a pyenv python3 on PATH may not)

TMP=$(mktemp -d -t paperboy-atom-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

bench_install python3 python3-feedparser
bench_build "$TMP/build.log" paperboy_atom_bench

"$PY" bench/atom/generate_feed.py "$TMP/feed.xml" --entries "$ENTRIES"
bench_load
echo
build/release/bench/paperboy_atom_bench "$TMP/feed.xml" "$CXX_ITERATIONS" "$ENTRIES" | tee "$TMP/cxx.txt"
echo
"$PY" bench/atom/feedparser_bench.py "$TMP/feed.xml" "$PY_ITERATIONS" "$ENTRIES" | tee "$TMP/py.txt"

cxx=$(awk '$1 == "MBPS" { print $2 }' "$TMP/cxx.txt")
py=$(awk '$1 == "MBPS" { print $2 }' "$TMP/py.txt")
ratio=$(awk -v a="$cxx" -v b="$py" 'BEGIN { printf "%.1f", a / b }')

echo
printf '%-22s %12s\n' "parser" "MB/s"
printf '%-22s %12s\n' "paperboy parse_atom" "$cxx"
printf '%-22s %12s\n' "feedparser (Python)" "$py"
printf '%-22s %11sx\n' "ratio" "$ratio"
echo "target: paperboy >= 100x feedparser: $(pass_miss "$ratio >= 100")"
