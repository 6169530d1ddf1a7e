#!/usr/bin/env bash
# SmsPortal's SMPP client channel beside Kannel, both against the same SMSC simulator (smsc.js), in one run:
#   1. bench/SmppUpstream: one bind, window 10, COUNT messages with no delay, then COUNT_SLOW with a 50 ms
#      simulated round trip (SMSC_RESP_DELAY_MS=50); each on a fresh smsc.js; messages/s end to end
#      (SubmitAsync → submit_sm_resp → receipt).
#   2. Kannel (bearerbox + smsbox, one transceiver bind, max-pending-submits = 10 = the same window) on a
#      fresh smsc.js each time: COUNT (then COUNT_SLOW at 50 ms) messages through sendsms from CONCURRENCY
#      keep-alive HTTP clients, once with dlr-mask=3 and a dlr-url to a local counter (receipts end to end)
#      and once without receipts. Measured: sendsms answers/s, submit_sm reaching the SMSC/s (its /stats),
#      receipts called back/s. At 50 ms, smsc.js sends Kannel's receipts 105 ms after the submit_sm instead of
#      5 ms (SmppUpstream's): Kannel drops a receipt that comes before the submit_sm_resp; SmsPortal's does not.
# Usage: bench/upstream-vs-kannel.sh [COUNT=20000] [COUNT_SLOW=3000]
# Environment: CONCURRENCY (32), SMSC_DLR_DELAY_MS (5), PHASE_SECONDS (60: each Kannel phase stops there),
#              SMSPORTAL_PEERS_DIR (SmsPortal.Tests/Peers: smsc.js with node_modules/smpp), KEEP_LOGS=1.
# Loopback only; everything it starts is stopped on exit; logs in a temporary folder (printed).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-20000}
count_slow=${2:-3000}
concurrency=${CONCURRENCY:-32}
phase_seconds=${PHASE_SECONDS:-60}
export SMSC_DLR_DELAY_MS=${SMSC_DLR_DELAY_MS:-5}
peers=${SMSPORTAL_PEERS_DIR:-$repo/SmsPortal.Tests/Peers}
helper="$repo/bench/upstream-vs-kannel.js"

missing=()
for tool in node curl dotnet; do command -v "$tool" >/dev/null || missing+=("$tool"); done
for tool in bearerbox smsbox; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || missing+=("$tool (Debian package kannel)")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "missing: ${missing[*]} — ./test.sh step 1 installs them (apt-get install kannel nodejs curl)" >&2
    exit 1
fi
if [ ! -d "$peers/node_modules/smpp" ]; then
    echo "missing: $peers/node_modules/smpp — run ./test.sh once, or: (cd $peers && npm ci)" >&2
    exit 1
fi
bearerbox=$(command -v bearerbox || echo /usr/sbin/bearerbox)
smsbox=$(command -v smsbox || echo /usr/sbin/smsbox)

work=$(mktemp -d /tmp/upstream-vs-kannel.XXXXXX)
pids=()
stop() { # stop the given pids: TERM, then KILL after 5 s
    local pid
    for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
    for pid in "$@"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
}
cleanup() {
    stop "${pids[@]}"
    if [ "${KEEP_LOGS:-0}" = 1 ]; then echo "logs: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; kannel $(dpkg-query -W -f '${Version}' kannel 2>/dev/null || echo '?'); node $(node --version); dotnet $(dotnet --version)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "building bench/SmppUpstream (Release)..."
dotnet build "$repo/bench/SmppUpstream" -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

# ---- 1. SmsPortal's SMPP client channel (it starts its own smsc.js on free ports for each delay) ----------
echo "1. SmppUpstream: $count messages (no delay), $count_slow (50 ms round trip); receipts after ${SMSC_DLR_DELAY_MS} ms"
timeout 300 dotnet "$repo/bench/SmppUpstream/bin/Release/net10.0/SmppUpstream.dll" "$count" "$count_slow" "$peers" \
    | tee "$work/upstream.txt"
upstream_row() { # $1 = label in SmppUpstream's line; prints "resp/s|end-to-end/s|receipts"
    grep -F "$1:" "$work/upstream.txt" | sed -E 's/.*submit_sm_resp for all in [0-9.]+ s \(([0-9]+)\/s\).*→ ([0-9]+) messages\/s end to end.*receipts ([0-9]+) .*/\1|\2|\3/'
}

# ---- 2. Kannel -------------------------------------------------------------------------------------------
kannel_run() { # $1 = name, $2 = messages, $3 = SMSC_RESP_DELAY_MS, $4 = dlr (1|0)
    local name=$1 messages=$2 delay=$3 dlr=$4 dir="$work/$1"
    mkdir -p "$dir"
    local ports; mapfile -t ports < <(node "$helper" ports 6)
    local smpp=${ports[0]} control=${ports[1]} admin=${ports[2]} box=${ports[3]} sendsms=${ports[4]} dlrport=${ports[5]}
    # Kannel drops a receipt that arrives before it has handled the submit_sm_resp ("got DLR but could not find
    # message"), as smsc.js sends it when the receipt delay is not well above the response delay (with only 5 ms
    # between them, 4 of 3,000 were lost): with a round trip, receipts come a second round trip later.
    local dlr_delay=$SMSC_DLR_DELAY_MS
    [ "$delay" -gt 0 ] && dlr_delay=$((2 * delay + SMSC_DLR_DELAY_MS))
    SMSC_PORT=$smpp SMSC_HTTP_PORT=$control SMSC_RESP_DELAY_MS=$delay SMSC_DLR_DELAY_MS=$dlr_delay NODE_PATH="$peers/node_modules" \
        node "$peers/smsc.js" >"$dir/smsc.log" 2>&1 &
    local smsc=$!; pids+=("$smsc")
    for _ in $(seq 1 100); do curl -fs "127.0.0.1:$control/stats" >/dev/null 2>&1 && break; sleep 0.1; done
    cat >"$dir/kannel.conf" <<EOF
group = core
admin-port = $admin
admin-password = secret
admin-interface = 127.0.0.1
smsbox-port = $box
smsbox-interface = 127.0.0.1
dlr-storage = internal
log-file = "$dir/bearerbox.log"
log-level = 2

group = smsc
smsc = smpp
smsc-id = upstream
host = 127.0.0.1
port = $smpp
transceiver-mode = true
smsc-username = kannel
smsc-password = kannel
system-type = "VMA"
max-pending-submits = 10
msg-id-type = 0x03

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = $box
sendsms-port = $sendsms
sendsms-interface = 127.0.0.1
log-file = "$dir/smsbox.log"
log-level = 2

group = sendsms-user
username = tester
password = secret
max-messages = 10
concatenation = true
default-sender = 106900
EOF
    "$bearerbox" -v 4 "$dir/kannel.conf" >"$dir/bearerbox.out" 2>&1 &
    local bb=$!; pids+=("$bb")
    for _ in $(seq 1 100); do
        [ "$(curl -fs "127.0.0.1:$control/stats" | sed -E 's/.*"binds":([0-9]+).*/\1/')" -ge 1 ] 2>/dev/null && break
        sleep 0.1
    done
    "$smsbox" -v 4 "$dir/kannel.conf" >"$dir/smsbox.out" 2>&1 &
    local sb=$!; pids+=("$sb")
    for _ in $(seq 1 100); do curl -s -o /dev/null "127.0.0.1:$sendsms/" 2>/dev/null && break; sleep 0.1; done
    node "$helper" kannel "$sendsms" "$control" "$dlrport" "$messages" "$concurrency" "$dlr" "$phase_seconds" \
        >"$dir/result.json" 2>"$dir/driver.err" || true
    stop "$sb" "$bb" "$smsc"; pids=()
    local result; result=$(cat "$dir/result.json")
    [ -n "$result" ] || result='{"error":"driver failed: '"$(tr -d '"\n' <"$dir/driver.err" | cut -c1-150)"'"}'
    echo "   $name: $result"
    echo "$result" >"$work/$name.json"
}
field() { node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); const v=r[process.argv[2]]; console.log(v===null||v===undefined?"—":v)' "$work/$1.json" "$2"; }

echo "2. Kannel → smsc.js: sendsms from $concurrency clients, max-pending-submits = 10, one transceiver bind; each phase ≤ ${phase_seconds} s"
kannel_run kannel-dlr "$count" 0 1
kannel_run kannel-nodlr "$count" 0 0
echo "3. Kannel at a 50 ms round trip (SMSC_RESP_DELAY_MS=50)"
kannel_run kannel-dlr-50ms "$count_slow" 50 1
kannel_run kannel-nodlr-50ms "$count_slow" 50 0
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- table -------------------------------------------------------------------------------------------
echo
echo "| path | round trip | messages | receipts | answered/s (submit_sm_resp or sendsms) | reaching the SMSC/s | end to end/s (last receipt) |"
echo "|---|---|---|---|---|---|---|"
kannel_row() { # $1 = phase name, $2 = round trip, $3 = messages, $4 = dlr-mask=3 | none
    local e2e=— receipts=none
    [ "$4" = none ] || { e2e="**$(field "$1" receiptsPerSecond)**"; receipts="$4: $(field "$1" receipts)"; }
    echo "| Kannel sendsms ($concurrency clients) | $2 | $3 | $receipts | $(field "$1" answeredPerSecond) | $(field "$1" smscPerSecond) | $e2e |"
}
for rtt in 0 50; do
    if [ "$rtt" = 0 ]; then label='no delay' n=$count suffix=''; else label='50 ms round trip' n=$count_slow suffix=-50ms; fi
    IFS='|' read -r resp e2e rcpt <<<"$(upstream_row "$label")"
    echo "| SmsPortal SMPP client | $rtt ms | $n | $rcpt | $resp | $resp | **$e2e** |"
    kannel_row "kannel-dlr$suffix" "$rtt ms" "$n" dlr-mask=3
    kannel_row "kannel-nodlr$suffix" "$rtt ms" "$n" none
done
for name in kannel-dlr kannel-nodlr kannel-dlr-50ms kannel-nodlr-50ms; do
    [ "$(field "$name" timedOut)" = true ] && echo "note: $name stopped at $phase_seconds s before all messages were through (rates: what got through ÷ time of the last one)"
done
exit 0
