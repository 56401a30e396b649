# Shared by bench/*/run.sh (sourced, not run). Moves to the repository root.
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# bench_install PKG...: installs the Debian packages that are missing (as scripts/setup does).
bench_install() {
  local missing=() p sudo=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "bench: installing ${missing[*]}" >&2
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# bench_build LOGFILE TARGET: configures the release preset and builds TARGET (incremental, so
# quick when nothing changed; only TARGET, so work in progress elsewhere in src/ does not block it).
# BENCH_SKIP_BUILD=1 uses what build/release already holds.
bench_build() {
  local log=$1 target=$2
  [ "${BENCH_SKIP_BUILD:-0}" = 1 ] && { echo "bench: BENCH_SKIP_BUILD=1, using build/release as is" >&2; return 0; }
  export PAPERBOY_CCACHE=""
  command -v ccache >/dev/null 2>&1 && PAPERBOY_CCACHE=ccache
  echo "bench: building $target in the release preset (log: $log)" >&2
  if ! { cmake --preset release && cmake --build --preset release --target "$target"; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "bench: release build failed" >&2
    return 1
  fi
}

# pass_miss CONDITION (an awk expression): prints PASS or MISS.
pass_miss() { awk "BEGIN { print ($1) ? \"PASS\" : \"MISS\" }"; }

# bench_load: prints the load average; other work on these 2 cores skews every number.
bench_load() { echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs)"; }
