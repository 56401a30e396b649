#!/usr/bin/env bash
# GET /healthz throughput and latency: `paperboy serve` against nginx returning the same body,
# both on loopback, measured with wrk in one run; plus paperboy's memory under load
# (bench/README.md). Usage: bench/http/run.sh [DURATION=10s] [CONNECTIONS=64]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"  # cd to the repository root

DURATION=${1:-10s}
CONNECTIONS=${2:-64}
WRK=(wrk -t2 -c"$CONNECTIONS")

TMP=$(mktemp -d -t paperboy-http-bench.XXXXXX)
PAPERBOY_PID="" NGINX_PID="" SAMPLER_PID=""
cleanup() {
  for pid in $SAMPLER_PID $NGINX_PID $PAPERBOY_PID; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

bench_install wrk nginx-light curl python3
bench_build "$TMP/build.log" paperboy

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_ready URL PID: polls URL for up to 10 s while PID lives.
wait_ready() {
  for _ in $(seq 100); do
    curl -fs -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "bench: server exited early" >&2; return 1; }
    sleep 0.1
  done
  echo "bench: $1 not ready after 10 s" >&2
  return 1
}

# --- paperboy: defaults (server.io_threads = 2), fresh SQLite database, no config file.
PB_PORT=$(free_port)
env -u PAPERBOY_CONFIG PAPERBOY_LISTEN="127.0.0.1:$PB_PORT" PAPERBOY_LOG_LEVEL=warn \
  PAPERBOY_DATABASE="sqlite:$TMP/bench.db" build/release/paperboy serve >"$TMP/paperboy.log" 2>&1 &
PAPERBOY_PID=$!
wait_ready "http://127.0.0.1:$PB_PORT/healthz" "$PAPERBOY_PID"

# --- nginx: 2 workers to match paperboy's 2 I/O threads; unlimited keep-alive requests, as paperboy.
NG_PORT=$(free_port)
mkdir -p "$TMP/nginx"
cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $TMP/nginx/body;  # temp dirs in TMP, not /var/lib/nginx
  proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi;
  scgi_temp_path $TMP/nginx/scgi;
  server {
    listen 127.0.0.1:$NG_PORT;
    default_type application/json;
    location = /healthz { return 200 '{"status":"ok"}'; }
  }
}
EOF
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" &
NGINX_PID=$!
wait_ready "http://127.0.0.1:$NG_PORT/healthz" "$NGINX_PID"

# rss_kb FIELD: paperboy's VmRSS or VmHWM in kB.
rss_kb() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$PAPERBOY_PID/status"; }
RSS_IDLE=$(rss_kb VmRSS)
bench_load

# bench NAME URL: 2 s warm-up, then the measured run into $TMP/NAME.txt.
bench() {
  echo "bench: $1: warm-up 2s, then ${DURATION} with ${CONNECTIONS} connections" >&2
  "${WRK[@]}" -d2s "$2" >/dev/null
  "${WRK[@]}" -d"$DURATION" --latency "$2" >"$TMP/$1.txt"
}

# Sample paperboy's VmRSS every 0.2 s while it is under load; keep the largest.
echo "$RSS_IDLE" >"$TMP/rss_max"
( max=0; while :; do r=$(rss_kb VmRSS) || exit 0; [ "${r:-0}" -gt "$max" ] && max=$r && echo "$max" >"$TMP/rss_max"; sleep 0.2; done ) &
SAMPLER_PID=$!
bench paperboy "http://127.0.0.1:$PB_PORT/healthz"
kill "$SAMPLER_PID"; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
RSS_LOAD=$(cat "$TMP/rss_max")
RSS_HWM=$(rss_kb VmHWM)
bench nginx "http://127.0.0.1:$NG_PORT/healthz"

# --- stop both: SIGTERM must drain paperboy and exit 0; SIGQUIT is nginx's graceful stop.
T0=$(date +%s%N)
kill -TERM "$PAPERBOY_PID"
PB_RC=0; wait "$PAPERBOY_PID" || PB_RC=$?; PAPERBOY_PID=""
STOP_MS=$(( ($(date +%s%N) - T0) / 1000000 ))
kill -QUIT "$NGINX_PID"; wait "$NGINX_PID" || true; NGINX_PID=""

# wrk NAME FIELD: Requests/sec, or a latency percentile (50%, 99%) in ms; errors as one string.
rps() { awk '$1 == "Requests/sec:" { print $2 }' "$TMP/$1.txt"; }
pct() {
  awk -v p="$2" '$1 == p && $2 ~ /[0-9](us|ms|s)$/ { v = $2
    if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else { sub(/s$/, "", v); v *= 1000 }
    printf "%.3f", v }' "$TMP/$1.txt"
}
errors() { grep -E "Socket errors|Non-2xx" "$TMP/$1.txt" | tr -s ' ' | paste -sd ';' || true; }

for s in paperboy nginx; do echo "--- wrk output: $s"; cat "$TMP/$s.txt"; done
PB_RPS=$(rps paperboy) NG_RPS=$(rps nginx)
PB_P50=$(pct paperboy 50%) NG_P50=$(pct nginx 50%)
PB_P99=$(pct paperboy 99%) NG_P99=$(pct nginx 99%)
RATIO=$(awk -v a="$PB_RPS" -v b="$NG_RPS" 'BEGIN { printf "%.2f", a / b }')
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }

echo
printf '%-14s %14s %14s\n' "" "paperboy" "nginx"
printf '%-14s %14s %14s\n' "req/s" "$PB_RPS" "$NG_RPS"
printf '%-14s %14s %14s\n' "p50 (ms)" "$PB_P50" "$NG_P50"
printf '%-14s %14s %14s\n' "p99 (ms)" "$PB_P99" "$NG_P99"
printf '%-14s %14s\n' "req/s ratio" "$RATIO"
printf '%-14s %14s\n' "RSS idle" "$(mb "$RSS_IDLE")"
printf '%-14s %14s\n' "RSS max load" "$(mb "$RSS_LOAD")"
printf '%-14s %14s\n' "VmHWM (peak)" "$(mb "$RSS_HWM")"
printf '%-14s %14s\n' "exit (TERM)" "$PB_RC in $STOP_MS ms"
for s in paperboy nginx; do e=$(errors $s); [ -z "$e" ] || echo "wrk errors ($s): $e"; done
echo
echo "target req/s >= 0.7x nginx:            $(pass_miss "$RATIO >= 0.7")"
echo "target p99 <= 3x nginx p99 or <= 5 ms: $(pass_miss "$PB_P99 <= 3 * $NG_P99 || $PB_P99 <= 5")"
echo "target RSS (VmHWM) <= 30 MB:           $(pass_miss "$RSS_HWM <= 30 * 1024")"
echo "paperboy exits 0 on SIGTERM:           $([ "$PB_RC" -eq 0 ] && echo PASS || echo FAIL)"
[ "$PB_RC" -eq 0 ]
