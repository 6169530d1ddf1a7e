# Sourced by the benches in bench/ that start peers: what they start is stopped on exit, logs in $work.
#   bench_begin NAME   makes $work (/tmp/NAME.XXXXXX), stops everything in $pids on exit (TERM, then KILL after
#                      5 s), and removes $work unless KEEP_LOGS=1 (then prints it).
#   started PID        adds PID to $pids.
#   stop PID...        stops those processes now (and takes them out of $pids).
#   free_ports N       prints N free loopback TCP ports, one a line.
#   wait_until SECONDS COMMAND...   runs COMMAND every 0.1 s until it succeeds; fails after SECONDS.
#   require_peers      exits with a hint when node, curl, dotnet or $peers/node_modules/smpp are missing.
# Sets: repo (the repository), peers (SMSPORTAL_PEERS_DIR or SmsPortal.Tests/Peers: smsc.js, push-receiver.js
# and node_modules/smpp), helper (bench/lib/bench.js), pids (started processes).
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
peers=${SMSPORTAL_PEERS_DIR:-$repo/SmsPortal.Tests/Peers}
helper="$repo/bench/lib/bench.js"
pids=()

started() { pids+=("$1"); }

stop() {
    local pid kept=() p
    for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
    for pid in "$@"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    for p in "${pids[@]}"; do [[ " $* " == *" $p "* ]] || kept+=("$p"); done
    pids=("${kept[@]}")
}

bench_cleanup() {
    stop "${pids[@]}"
    if [ "${KEEP_LOGS:-0}" = 1 ]; then echo "logs: $work"; else rm -rf "$work"; fi
}

bench_begin() {
    work=$(mktemp -d "/tmp/$1.XXXXXX")
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}

free_ports() { node "$helper" ports "$1"; }

wait_until() {
    local seconds=$1; shift
    local tries=$((seconds * 10))
    for _ in $(seq 1 "$tries"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
    return 1
}

require_peers() {
    local missing=() tool
    for tool in node curl dotnet "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "missing: ${missing[*]} — ./test.sh step 1 installs them" >&2
        exit 1
    fi
    if [ ! -d "$peers/node_modules/smpp" ]; then
        echo "missing: $peers/node_modules/smpp — run ./test.sh once, or: (cd $peers && npm ci)" >&2
        exit 1
    fi
}
