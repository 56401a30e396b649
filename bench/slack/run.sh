#!/usr/bin/env bash
# Slack slash-command ack path: a signed `POST /slack/commands` for `/papers help` on `paperboy serve`
# against a minimal Slack Bolt for JavaScript app acking the same signed request on /slack/events,
# both on loopback, measured with wrk in one run; plus both servers' memory under load
# (bench/README.md). Usage: bench/slack/run.sh [DURATION=10s] [CONNECTIONS=64]
# BOLT_VERSION (default 5.1.0) picks the @slack/bolt release npm installs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"  # cd to the repository root

DURATION=${1:-10s}
CONNECTIONS=${2:-64}
BOLT_VERSION=${BOLT_VERSION:-5.1.0}
WRK=(wrk -t2 -c"$CONNECTIONS")
SECRET="paperboy-bench-signing-secret"  # a fixed test secret, shared by both servers
# One slash command with the usual fields, form-encoded as Slack sends it; the same bytes for both.
BODY='token=bench-verification-token&team_id=T1&team_domain=bench&channel_id=C1&channel_name=general&user_id=U1&user_name=bench&command=%2Fpapers&text=help&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fx&trigger_id=1.1.benchtrigger&api_app_id=A1'

TMP=$(mktemp -d -t paperboy-slack-bench.XXXXXX)
PAPERBOY_PID="" BOLT_PID="" SAMPLER_PID=""
cleanup() {
  for pid in $SAMPLER_PID $BOLT_PID $PAPERBOY_PID; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

bench_install wrk curl openssl python3
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found in PATH (Node.js 20 is expected)" >&2; exit 1; }
done
bench_build "$TMP/build.log" paperboy

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_listening URL PID: polls URL for up to 10 s while PID lives; any HTTP answer will do
# (Bolt has no GET route, it answers 404).
wait_listening() {
  for _ in $(seq 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" != "000" ] && return 0
    kill -0 "$2" 2>/dev/null || { echo "bench: server exited early" >&2; return 1; }
    sleep 0.1
  done
  echo "bench: $1 not ready after 10 s" >&2
  return 1
}

# sign: sets TS to now and SIG to Slack's v0 signature of BODY. Slack (and both servers) reject
# timestamps more than 5 minutes away, so each server's check and load run sign afresh.
sign() {
  TS=$(date +%s)
  SIG="v0=$(printf 'v0:%s:%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)"
}

# write_lua FILE: the wrk script sending the signed request (TS and SIG from sign).
write_lua() {
  cat >"$1" <<EOF
wrk.method = "POST"
wrk.body = "$BODY"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["X-Slack-Request-Timestamp"] = "$TS"
wrk.headers["X-Slack-Signature"] = "$SIG"
EOF
}

# check NAME URL EXPECTED: one signed request with curl; fails the script unless the answer is
# HTTP 200 and its body contains EXPECTED.
check() {
  local code
  code=$(curl -s -o "$TMP/$1.check" -w '%{http_code}' -X POST \
    -H "Content-Type: application/x-www-form-urlencoded" \
    -H "X-Slack-Request-Timestamp: $TS" -H "X-Slack-Signature: $SIG" \
    --data-binary "$BODY" "$2" || true)
  if [ "$code" != 200 ] || ! grep -qF -- "$3" "$TMP/$1.check"; then
    echo "bench: $1: expected HTTP 200 with \"$3\", got HTTP $code:" >&2
    head -c 600 "$TMP/$1.check" >&2 || true
    echo >&2
    return 1
  fi
  echo "bench: $1: signed /papers help answered HTTP 200 ($(wc -c <"$TMP/$1.check") bytes): $(head -c 100 "$TMP/$1.check")" >&2
}

# rss_kb PID FIELD: VmRSS or VmHWM of PID in kB.
rss_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

# measure NAME URL PID: signs, checks once with curl, warms up for 2 s, then runs wrk for
# DURATION into $TMP/NAME.txt while sampling PID's VmRSS every 0.2 s (largest into
# $TMP/NAME.rss_max); reads VmHWM into $TMP/NAME.hwm afterwards.
measure() {
  local name=$1 url=$2 pid=$3 expected=$4
  sign
  write_lua "$TMP/$name.lua"
  check "$name" "$url" "$expected"
  rss_kb "$pid" VmRSS >"$TMP/$name.rss_idle"
  echo "bench: $name: warm-up 2s, then ${DURATION} with ${CONNECTIONS} connections" >&2
  "${WRK[@]}" -d2s -s "$TMP/$name.lua" "$url" >"$TMP/$name.warmup.txt"
  cp "$TMP/$name.rss_idle" "$TMP/$name.rss_max"
  ( max=0; while :; do r=$(rss_kb "$pid" VmRSS) || exit 0
      [ "${r:-0}" -gt "$max" ] && max=$r && echo "$max" >"$TMP/$name.rss_max"; sleep 0.2; done ) &
  SAMPLER_PID=$!
  "${WRK[@]}" -d"$DURATION" --latency -s "$TMP/$name.lua" "$url" >"$TMP/$name.txt"
  kill "$SAMPLER_PID"; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
  rss_kb "$pid" VmHWM >"$TMP/$name.hwm"
}

# --- Bolt: a new npm project in TMP with @slack/bolt pinned, and the smallest app that acks /papers.
mkdir -p "$TMP/bolt"
echo "bench: installing @slack/bolt@$BOLT_VERSION with npm in $TMP/bolt" >&2
( cd "$TMP/bolt" && npm init -y >/dev/null &&
  npm install --no-audit --no-fund --loglevel=error --save-exact "@slack/bolt@$BOLT_VERSION" >"$TMP/npm.log" 2>&1 ) ||
  { tail -n 20 "$TMP/npm.log" >&2; echo "bench: npm install @slack/bolt@$BOLT_VERSION failed" >&2; exit 1; }
BOLT_INSTALLED=$(cd "$TMP/bolt" && node -p 'require("@slack/bolt/package.json").version')
# botId and botUserId: without them Bolt calls auth.test on slack.com for every request, which is
# not loopback, and whose failure stops the listener (ack is then never called). slackApiUrl points
# at a closed loopback port, so even an unexpected Web API call cannot leave the machine.
cat >"$TMP/bolt/app.js" <<'EOF'
const { App, LogLevel } = require('@slack/bolt');

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  token: 'xoxb-bench',
  tokenVerificationEnabled: false,
  botId: 'B0BENCH',
  botUserId: 'U0BENCH',
  processBeforeResponse: false,
  logLevel: LogLevel.WARN,
  clientOptions: { slackApiUrl: 'http://127.0.0.1:9/api/', retryConfig: { retries: 0 } },
});

app.command('/papers', async ({ ack }) => {
  await ack('help text');
});

process.on('SIGTERM', () => {
  const force = setTimeout(() => process.exit(1), 5000);
  app.stop().then(() => { clearTimeout(force); process.exit(0); }, () => process.exit(1));
});

(async () => {
  await app.start({ port: Number(process.env.BOLT_PORT), host: '127.0.0.1' });
  console.log(`bolt ${require('@slack/bolt/package.json').version} listening on 127.0.0.1:${process.env.BOLT_PORT}`);
})();
EOF

# --- paperboy: defaults (server.io_threads = 2), fresh SQLite database, no config file, no bot token.
PB_PORT=$(free_port)
env -u PAPERBOY_CONFIG -u SLACK_BOT_TOKEN SLACK_SIGNING_SECRET="$SECRET" PAPERBOY_LISTEN="127.0.0.1:$PB_PORT" \
  PAPERBOY_LOG_LEVEL=warn PAPERBOY_DATABASE="sqlite:$TMP/bench.db" build/release/paperboy serve >"$TMP/paperboy.log" 2>&1 &
PAPERBOY_PID=$!
wait_listening "http://127.0.0.1:$PB_PORT/healthz" "$PAPERBOY_PID"

# --- Bolt: the node process itself (no npm wrapper), so its PID is the one whose RSS is read.
BOLT_PORT=$(free_port)
( cd "$TMP/bolt" && exec env SLACK_SIGNING_SECRET="$SECRET" BOLT_PORT="$BOLT_PORT" node app.js ) >"$TMP/bolt.log" 2>&1 &
BOLT_PID=$!
wait_listening "http://127.0.0.1:$BOLT_PORT/slack/events" "$BOLT_PID"

echo "node $(node --version), @slack/bolt $BOLT_INSTALLED (HTTPReceiver, processBeforeResponse false)"
bench_load

measure paperboy "http://127.0.0.1:$PB_PORT/slack/commands" "$PAPERBOY_PID" "/papers help"
measure bolt "http://127.0.0.1:$BOLT_PORT/slack/events" "$BOLT_PID" "help text"

# --- stop both: SIGTERM must drain paperboy and exit 0; app.js stops Bolt's receiver on SIGTERM.
T0=$(date +%s%N)
kill -TERM "$PAPERBOY_PID"
PB_RC=0; wait "$PAPERBOY_PID" || PB_RC=$?; PAPERBOY_PID=""
STOP_MS=$(( ($(date +%s%N) - T0) / 1000000 ))
kill -TERM "$BOLT_PID"
BOLT_RC=0; wait "$BOLT_PID" || BOLT_RC=$?; BOLT_PID=""

# wrk NAME FIELD: Requests/sec, or a latency percentile (50%, 99%) in ms; errors as one string.
rps() { awk '$1 == "Requests/sec:" { print $2 }' "$TMP/$1.txt"; }
pct() {
  awk -v p="$2" '$1 == p && $2 ~ /[0-9](us|ms|s)$/ { v = $2
    if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else { sub(/s$/, "", v); v *= 1000 }
    printf "%.3f", v }' "$TMP/$1.txt"
}
errors() { cat "$TMP/$1.warmup.txt" "$TMP/$1.txt" | grep -E "Socket errors|Non-2xx" | tr -s ' ' | paste -sd ';' || true; }
non2xx() { cat "$TMP/$1.warmup.txt" "$TMP/$1.txt" | awk '/Non-2xx/ { n += $NF } END { print n + 0 }'; }

for s in paperboy bolt; do echo "--- wrk output: $s"; cat "$TMP/$s.txt"; done
for s in paperboy bolt; do
  if [ -s "$TMP/$s.log" ]; then echo "--- $s log (last 20 lines)"; tail -n 20 "$TMP/$s.log"; fi
done
PB_RPS=$(rps paperboy) BO_RPS=$(rps bolt)
PB_P50=$(pct paperboy 50%) BO_P50=$(pct bolt 50%)
PB_P99=$(pct paperboy 99%) BO_P99=$(pct bolt 99%)
RPS_RATIO=$(awk -v a="$PB_RPS" -v b="$BO_RPS" 'BEGIN { printf "%.2f", a / b }')
P99_RATIO=$(awk -v a="$BO_P99" -v b="$PB_P99" 'BEGIN { printf "%.2f", a / b }')
mb() { awk -v k="$(cat "$TMP/$1")" 'BEGIN { printf "%.1f MB", k / 1024 }'; }
PB_HWM=$(cat "$TMP/paperboy.hwm")
NON2XX=$(( $(non2xx paperboy) + $(non2xx bolt) ))

echo
printf '%-22s %14s %14s\n' "" "paperboy" "Bolt"
printf '%-22s %14s %14s\n' "req/s" "$PB_RPS" "$BO_RPS"
printf '%-22s %14s %14s\n' "p50 (ms)" "$PB_P50" "$BO_P50"
printf '%-22s %14s %14s\n' "p99 (ms)" "$PB_P99" "$BO_P99"
printf '%-22s %14s %14s\n' "RSS idle" "$(mb paperboy.rss_idle)" "$(mb bolt.rss_idle)"
printf '%-22s %14s %14s\n' "RSS max load" "$(mb paperboy.rss_max)" "$(mb bolt.rss_max)"
printf '%-22s %14s %14s\n' "VmHWM (peak)" "$(mb paperboy.hwm)" "$(mb bolt.hwm)"
printf '%-22s %14s %14s\n' "exit (TERM)" "$PB_RC in $STOP_MS ms" "$BOLT_RC"
printf '%-22s %14s\n' "req/s paperboy / Bolt" "${RPS_RATIO}x"
printf '%-22s %14s\n' "p99 Bolt / paperboy" "${P99_RATIO}x"
for s in paperboy bolt; do e=$(errors $s); [ -z "$e" ] || echo "wrk errors ($s): $e"; done
echo
echo "target req/s >= 10x Bolt:            $(pass_miss "$RPS_RATIO >= 10")"
echo "target p99 <= 1/10 of Bolt's p99:    $(pass_miss "$PB_P99 * 10 <= $BO_P99")"
echo "target RSS (VmHWM) <= 30 MB:         $(pass_miss "$PB_HWM <= 30 * 1024")"
echo "every response 2xx (both servers):   $([ "$NON2XX" -eq 0 ] && echo PASS || echo "FAIL ($NON2XX non-2xx)")"
echo "paperboy exits 0 on SIGTERM:         $([ "$PB_RC" -eq 0 ] && echo PASS || echo FAIL)"
echo "Bolt exits 0 on SIGTERM:             $([ "$BOLT_RC" -eq 0 ] && echo PASS || echo FAIL)"
[ "$PB_RC" -eq 0 ] && [ "$BOLT_RC" -eq 0 ] && [ "$NON2XX" -eq 0 ]
