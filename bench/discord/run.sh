#!/usr/bin/env bash
# Discord interactions endpoint: signed `POST /discord/interactions` (a PING and a `/papers help`
# command) on `paperboy serve` against a minimal Node app with the npm packages discord-interactions
# (verifyKeyMiddleware) and express, both on loopback, measured with wrk in one run; both servers'
# peak RSS; one core's Ed25519 verification rate (`openssl speed`) for scale (bench/README.md).
# Usage: bench/discord/run.sh   Knobs (environment): BENCH_DURATION (10s), BENCH_CONNECTIONS (32),
# BENCH_THREADS (2), BENCH_WARMUP (2s), BENCH_SPEED_SECONDS (3), BENCH_DISCORD_INTERACTIONS_VERSION
# (4.4.0), BENCH_EXPRESS_VERSION (5.3.0), BENCH_SKIP_BUILD=1 (use build/release as it is).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"  # cd to the repository root

DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-2s}
SPEED_SECONDS=${BENCH_SPEED_SECONDS:-3}
DI_VERSION=${BENCH_DISCORD_INTERACTIONS_VERSION:-4.4.0}
EXPRESS_VERSION=${BENCH_EXPRESS_VERSION:-5.3.0}
NODE_DIR=build/bench-discord  # npm installs here (build/ is not committed)
WRK=(wrk -t"$THREADS" -c"$CONNECTIONS")

# The two interactions, the same bytes for both servers.
PING_BODY='{"type":1,"id":"1","application_id":"2","token":"t"}'
HELP_BODY='{"type":2,"id":"1","application_id":"2","token":"t","guild_id":"3","channel_id":"4","locale":"en-US","member":{"user":{"id":"5"}},"data":{"name":"papers","type":1,"options":[{"name":"help","type":1,"options":[]}]}}'

# wrk durations: "10s", "2m", "1h" or plain seconds.
seconds() { awk -v d="$1" 'BEGIN { n = d + 0; u = substr(d, length(d))
  if (u == "m") n *= 60; else if (u == "h") n *= 3600; print int(n) }'; }
# A phase (sign, curl check, warm-up, measured run) must end before its timestamp is 300 s old.
if [ $(( $(seconds "$WARMUP") + $(seconds "$DURATION") )) -gt 280 ]; then
  echo "bench: BENCH_WARMUP + BENCH_DURATION must stay under 280 s (signatures go stale after 300 s)" >&2
  exit 1
fi

TMP=$(mktemp -d -t paperboy-discord-bench.XXXXXX)
PAPERBOY_PID="" NODE_PID=""
cleanup() {
  for pid in $NODE_PID $PAPERBOY_PID; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

for tool in wrk curl openssl; do command -v "$tool" >/dev/null || bench_install "$tool"; done
for tool in node npm od; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found in PATH (Node.js 20 is expected)" >&2; exit 1; }
done
bench_build "$TMP/build.log" paperboy
[ -x build/release/paperboy ] || { echo "bench: build/release/paperboy is missing" >&2; exit 1; }

# --- the reference: discord-interactions and express from npm, into build/bench-discord.
mkdir -p "$NODE_DIR"
echo "bench: npm install discord-interactions@$DI_VERSION express@$EXPRESS_VERSION into $NODE_DIR" >&2
npm install --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error --save-exact \
  "discord-interactions@$DI_VERSION" "express@$EXPRESS_VERSION" >"$TMP/npm.log" 2>&1 ||
  { tail -n 20 "$TMP/npm.log" >&2; echo "bench: npm install failed" >&2; exit 1; }
cp bench/discord/app.mjs "$NODE_DIR/app.mjs"  # ESM resolves packages next to the file, not via NODE_PATH
version_of() { node -p "require('./$NODE_DIR/node_modules/$1/package.json').version"; }
DI_INSTALLED=$(version_of discord-interactions) EXPRESS_INSTALLED=$(version_of express)

# --- an Ed25519 key pair, as a Discord application has; the servers get the raw public key in hex.
openssl genpkey -algorithm ed25519 -out "$TMP/key.pem" 2>/dev/null
PUBLIC_KEY=$(openssl pkey -in "$TMP/key.pem" -pubout -outform DER | tail -c 32 | od -An -tx1 -v | tr -d ' \n')
[ ${#PUBLIC_KEY} -eq 64 ] || { echo "bench: could not derive the public key" >&2; exit 1; }

# sign BODY: sets TS to now and SIG to the hex Ed25519 signature of TS + BODY (what Discord sends).
sign() {
  TS=$(date +%s)
  printf '%s%s' "$TS" "$1" >"$TMP/message"
  SIG=$(openssl pkeyutl -sign -rawin -inkey "$TMP/key.pem" -in "$TMP/message" | od -An -tx1 -v | tr -d ' \n')
  [ ${#SIG} -eq 128 ] || { echo "bench: openssl pkeyutl -sign -rawin failed" >&2; exit 1; }
}

free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }

# wait_listening URL PID: polls URL for up to 10 s while PID lives; any HTTP answer will do.
wait_listening() {
  for _ in $(seq 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" != "000" ] && return 0
    kill -0 "$2" 2>/dev/null || { echo "bench: server exited early" >&2; return 1; }
    sleep 0.1
  done
  echo "bench: $1 not ready after 10 s" >&2
  return 1
}

# post OUT URL BODY TS SIG: one interaction with curl; prints the HTTP status, the answer in OUT.
post() {
  curl -s -o "$1" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -H "X-Signature-Ed25519: $5" -H "X-Signature-Timestamp: $4" --data-binary "$3" "$2" || true
}

# check NAME URL BODY EXPECTED: one signed request (TS, SIG); fails the script unless the answer
# is HTTP 200 and contains EXPECTED.
check() {
  local code
  code=$(post "$TMP/$1.check" "$2" "$3" "$TS" "$SIG")
  if [ "$code" != 200 ] || ! grep -qF -- "$4" "$TMP/$1.check"; then
    echo "bench: $1: expected HTTP 200 with $4, got HTTP $code:" >&2
    head -c 600 "$TMP/$1.check" >&2 || true
    echo >&2
    exit 1
  fi
  echo "bench: $1: signed request answered HTTP 200 ($(wc -c <"$TMP/$1.check") bytes): $(head -c 100 "$TMP/$1.check")" >&2
}

# forged NAME URL: the help body with a valid timestamp and one changed signature digit; prints
# the HTTP status.
forged() {
  sign "$HELP_BODY"
  local bad
  bad="$([ "${SIG:0:1}" = 0 ] && echo 1 || echo 0)${SIG:1}"
  post "$TMP/$1.forged" "$2" "$HELP_BODY" "$TS" "$bad"
}

rss_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

# measure NAME URL BODY EXPECTED: signs BODY, checks it once with curl, warms up, then runs wrk
# --latency for DURATION into $TMP/NAME.txt (warm-up into $TMP/NAME.warmup.txt).
measure() {
  local name=$1 url=$2 body=$3 expected=$4
  sign "$body"
  check "$name" "$url" "$body" "$expected"
  echo "bench: $name: warm-up $WARMUP, then $DURATION with $THREADS threads and $CONNECTIONS connections" >&2
  BENCH_BODY=$body BENCH_TIMESTAMP=$TS BENCH_SIGNATURE=$SIG \
    "${WRK[@]}" -d"$WARMUP" -s bench/discord/post.lua "$url" >"$TMP/$name.warmup.txt"
  BENCH_BODY=$body BENCH_TIMESTAMP=$TS BENCH_SIGNATURE=$SIG \
    "${WRK[@]}" -d"$DURATION" --latency -s bench/discord/post.lua "$url" >"$TMP/$name.txt"
}

# --- paperboy: defaults (server.io_threads = 2), no config file, fresh SQLite database, no bot
# token (so no Gateway and no REST call), no Slack.
PB_PORT=$(free_port)
env -u PAPERBOY_CONFIG -u DISCORD_BOT_TOKEN -u DISCORD_APPLICATION_ID -u SLACK_SIGNING_SECRET -u SLACK_BOT_TOKEN \
  -u SLACK_APP_TOKEN DISCORD_PUBLIC_KEY="$PUBLIC_KEY" PAPERBOY_LISTEN="127.0.0.1:$PB_PORT" PAPERBOY_LOG_LEVEL=warn \
  PAPERBOY_DATABASE="sqlite:$TMP/bench.db" build/release/paperboy serve >"$TMP/paperboy.log" 2>&1 &
PAPERBOY_PID=$!
wait_listening "http://127.0.0.1:$PB_PORT/healthz" "$PAPERBOY_PID"
PB_URL="http://127.0.0.1:$PB_PORT/discord/interactions"

# --- node: the node process itself (no npm wrapper), so its PID is the one whose RSS is read.
NODE_PORT=$(free_port)
( cd "$NODE_DIR" && exec env DISCORD_PUBLIC_KEY="$PUBLIC_KEY" NODE_PORT="$NODE_PORT" node app.mjs ) >"$TMP/node.log" 2>&1 &
NODE_PID=$!
wait_listening "http://127.0.0.1:$NODE_PORT/" "$NODE_PID"
NODE_URL="http://127.0.0.1:$NODE_PORT/discord/interactions"

echo "node $(node --version), discord-interactions $DI_INSTALLED, express $EXPRESS_INSTALLED; $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2); $(openssl version)"
bench_load

PB_FORGED=$(forged paperboy "$PB_URL")
NODE_FORGED=$(forged node "$NODE_URL")
echo "bench: forged signature: paperboy HTTP $PB_FORGED, node HTTP $NODE_FORGED" >&2
PB_RSS_IDLE=$(rss_kb "$PAPERBOY_PID" VmRSS) NODE_RSS_IDLE=$(rss_kb "$NODE_PID" VmRSS)

# paperboy first, then node, never both at once; PING, then help.
measure paperboy-ping "$PB_URL" "$PING_BODY" '"type":1'
measure node-ping "$NODE_URL" "$PING_BODY" '"type":1'
measure paperboy-help "$PB_URL" "$HELP_BODY" '"type":4'
measure node-help "$NODE_URL" "$HELP_BODY" '"type":4'

PB_HWM=$(rss_kb "$PAPERBOY_PID" VmHWM) NODE_HWM=$(rss_kb "$NODE_PID" VmHWM)
PB_RSS_END=$(rss_kb "$PAPERBOY_PID" VmRSS) NODE_RSS_END=$(rss_kb "$NODE_PID" VmRSS)

# --- stop both: SIGTERM; paperboy must drain and exit 0.
kill -TERM "$PAPERBOY_PID"
PB_RC=0; wait "$PAPERBOY_PID" || PB_RC=$?; PAPERBOY_PID=""
kill -TERM "$NODE_PID"
NODE_RC=0; wait "$NODE_PID" || NODE_RC=$?; NODE_PID=""

# --- one core's Ed25519 verifications per second (OpenSSL's own loop, single-threaded).
echo "bench: openssl speed -seconds $SPEED_SECONDS ed25519" >&2
openssl speed -seconds "$SPEED_SECONDS" ed25519 >"$TMP/speed.txt" 2>/dev/null
VERIFY_S=$(awk '/Ed25519/ { print $NF }' "$TMP/speed.txt" | tail -n 1)

rps() { awk '$1 == "Requests/sec:" { print $2 }' "$TMP/$1.txt"; }
pct() {
  awk -v p="$2" '$1 == p && $2 ~ /[0-9](us|ms|s)$/ { v = $2
    if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else { sub(/s$/, "", v); v *= 1000 }
    printf "%.3f", v }' "$TMP/$1.txt"
}
non2xx() { cat "$TMP/$1.warmup.txt" "$TMP/$1.txt" | awk '/Non-2xx/ { n += $NF } END { print n + 0 }'; }
sockerr() { cat "$TMP/$1.warmup.txt" "$TMP/$1.txt" | grep -E "Socket errors" | tr -s ' ' | paste -sd ';' || true; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }

RUNS=(paperboy-ping node-ping paperboy-help node-help)
for s in "${RUNS[@]}"; do echo "--- wrk output: $s"; cat "$TMP/$s.txt"; done
for s in paperboy node; do
  if [ -s "$TMP/$s.log" ]; then echo "--- $s log (last 20 lines)"; tail -n 20 "$TMP/$s.log"; fi
done

PB_PING=$(rps paperboy-ping) NODE_PING=$(rps node-ping) PB_HELP=$(rps paperboy-help) NODE_HELP=$(rps node-help)
NON2XX=0
for s in "${RUNS[@]}"; do NON2XX=$(( NON2XX + $(non2xx "$s") )); done

echo
printf '%-28s %16s %16s\n' "" "paperboy" "node"
printf '%-28s %16s %16s\n' "PING req/s" "$PB_PING" "$NODE_PING"
printf '%-28s %16s %16s\n' "PING p50 / p99 (ms)" "$(pct paperboy-ping 50%) / $(pct paperboy-ping 99%)" "$(pct node-ping 50%) / $(pct node-ping 99%)"
printf '%-28s %16s %16s\n' "help req/s" "$PB_HELP" "$NODE_HELP"
printf '%-28s %16s %16s\n' "help p50 / p99 (ms)" "$(pct paperboy-help 50%) / $(pct paperboy-help 99%)" "$(pct node-help 50%) / $(pct node-help 99%)"
printf '%-28s %16s %16s\n' "help answer (bytes)" "$(wc -c <"$TMP/paperboy-help.check")" "$(wc -c <"$TMP/node-help.check")"
printf '%-28s %16s %16s\n' "RSS idle (before load)" "$(mb "$PB_RSS_IDLE")" "$(mb "$NODE_RSS_IDLE")"
printf '%-28s %16s %16s\n' "RSS after the runs" "$(mb "$PB_RSS_END")" "$(mb "$NODE_RSS_END")"
printf '%-28s %16s %16s\n' "VmHWM (peak RSS)" "$(mb "$PB_HWM")" "$(mb "$NODE_HWM")"
printf '%-28s %16s %16s\n' "forged signature" "HTTP $PB_FORGED" "HTTP $NODE_FORGED"
printf '%-28s %16s %16s\n' "exit on SIGTERM" "$PB_RC" "$NODE_RC"
printf '%-28s %16s\n' "Ed25519 verify/s, one core" "$VERIFY_S"
printf '%-28s %16s\n' "PING paperboy / node" "$(ratio "$PB_PING" "$NODE_PING")x"
printf '%-28s %16s\n' "help paperboy / node" "$(ratio "$PB_HELP" "$NODE_HELP")x"
printf '%-28s %16s\n' "PING paperboy / verify/s" "$(ratio "$PB_PING" "$VERIFY_S")x"
printf '%-28s %16s\n' "help paperboy / verify/s" "$(ratio "$PB_HELP" "$VERIFY_S")x"
for s in "${RUNS[@]}"; do e=$(sockerr "$s"); [ -z "$e" ] || echo "wrk ($s): $e"; done
echo
echo "target PING req/s >= 4x node:             $(pass_miss "$PB_PING >= 4 * $NODE_PING")"
echo "target help req/s >= 4x node:             $(pass_miss "$PB_HELP >= 4 * $NODE_HELP")"
echo "target PING req/s >= 0.8x verify/s:       $(pass_miss "$PB_PING >= 0.8 * $VERIFY_S")"
echo "target help req/s >= 0.8x verify/s:       $(pass_miss "$PB_HELP >= 0.8 * $VERIFY_S")"
echo "target paperboy RSS (VmHWM) <= 30 MB:     $(pass_miss "$PB_HWM <= 30 * 1024")"
echo "every response 2xx (both servers):        $([ "$NON2XX" -eq 0 ] && echo PASS || echo "FAIL ($NON2XX non-2xx)")"
echo "forged signature gets 401 from paperboy:  $([ "$PB_FORGED" = 401 ] && echo PASS || echo "FAIL (HTTP $PB_FORGED)")"
echo "paperboy exits 0 on SIGTERM:              $([ "$PB_RC" -eq 0 ] && echo PASS || echo FAIL)"
[ "$NON2XX" -eq 0 ] && [ "$PB_FORGED" = 401 ] && [ "$PB_RC" -eq 0 ]
