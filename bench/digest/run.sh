#!/usr/bin/env bash
# Digest latency: a cold digest against slow in-process fake peers (arXiv 300 ms, Hugging Face
# 500 ms, Semantic Scholar 200 ms, LLM 2 s per call) against its critical path, warm digests from
# the store, and LLM calls per distinct paper (bench/README.md).
# Usage: bench/digest/run.sh [WARM_CALLS=200] [COLD_RUNS=3]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"  # cd to the repository root

WARM_CALLS=${1:-200}
COLD_RUNS=${2:-3}

TMP=$(mktemp -d -t paperboy-digest-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

bench_build "$TMP/build.log" paperboy_digest_bench

bench_load
echo
build/release/bench/paperboy_digest_bench "$WARM_CALLS" "$COLD_RUNS" | tee "$TMP/out.txt"

value() { awk -v k="$1" '$1 == k { print $2 }' "$TMP/out.txt"; }
cold=$(value COLD_MS)
critical=$(value CRITICAL_MS)
ratio=$(value COLD_RATIO)
warm_mean=$(value WARM_MEAN_MS)
warm_p99=$(value WARM_P99_MS)
calls=$(value LLM_CALLS)
papers=$(value DISTINCT_PAPERS)

echo
printf '%-40s %12s\n' "measure" "value"
printf '%-40s %12s\n' "cold digest (median, ms)" "$cold"
printf '%-40s %12s\n' "critical path (ms)" "$critical"
printf '%-40s %11sx\n' "cold / critical path" "$ratio"
printf '%-40s %12s\n' "warm digest mean (ms)" "$warm_mean"
printf '%-40s %12s\n' "warm digest p99 (ms)" "$warm_p99"
printf '%-40s %12s\n' "LLM calls / distinct papers" "$calls / $papers"
echo "target cold <= 1.1x critical path:      $(pass_miss "$ratio <= 1.1")"
echo "target warm <= 5 ms (mean and p99):     $(pass_miss "$warm_mean <= 5 && $warm_p99 <= 5")"
echo "target LLM calls = distinct papers:     $(pass_miss "$calls == $papers && $papers > 0")"
