#!/usr/bin/env bash
# Many subscriptions due in the same minute: N Slack channels subscribed at 08:00 on SQLite against
# a fake Slack that enforces 1 message/s per channel (fast otherwise). Time from the due minute to
# the last post against the bound the rate limit imposes, LLM calls against distinct papers, RSS
# (bench/README.md).
# Usage: bench/schedule/run.sh [SUBSCRIPTIONS=1000]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"  # cd to the repository root

SUBSCRIPTIONS=${1:-1000}

TMP=$(mktemp -d -t paperboy-schedule-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

bench_build "$TMP/build.log" paperboy_schedule_bench

bench_load
echo
build/release/bench/paperboy_schedule_bench "$SUBSCRIPTIONS" | tee "$TMP/out.txt"

value() { awk -v k="$1" '$1 == k { print $2 }' "$TMP/out.txt"; }
elapsed=$(value DUE_TO_LAST_POST_MS)
bound=$(value BOUND_MS)
ratio=$(value RATIO)
calls=$(value LLM_CALLS)
papers=$(value DISTINCT_PAPERS)
rss=$(value RSS_MB)
limited=$(value RATE_LIMIT_429)

echo
printf '%-44s %12s\n' "measure" "value"
printf '%-44s %12s\n' "subscriptions (channels)" "$(value SUBSCRIPTIONS) ($(value CHANNELS))"
printf '%-44s %12s\n' "posts (messages per channel)" "$(value POSTS) ($(value MESSAGES_PER_CHANNEL))"
printf '%-44s %12s\n' "due minute to last post (ms)" "$elapsed"
printf '%-44s %12s\n' "rate-limit bound (ms)" "$bound"
printf '%-44s %11sx\n' "elapsed / bound" "$ratio"
printf '%-44s %12s\n' "posts refused with 429" "$limited"
printf '%-44s %12s\n' "LLM calls / distinct papers" "$calls / $papers"
printf '%-44s %12s\n' "peak RSS (MB)" "$rss"
echo "target elapsed <= 1.2x bound:               $(pass_miss "$ratio <= 1.2 && $ratio > 0")"
echo "target LLM calls = distinct papers:         $(pass_miss "$calls == $papers && $papers > 0")"
echo "target RSS <= 60 MB:                        $(pass_miss "$rss <= 60")"
