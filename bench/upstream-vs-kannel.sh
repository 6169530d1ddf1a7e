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
source "$(dirname "$0")/lib/common.sh"
source "$repo/bench/lib/kannel.sh"
count=${1:-20000}
count_slow=${2:-3000}
export SMSC_DLR_DELAY_MS=${SMSC_DLR_DELAY_MS:-5}

require_peers
kannel_require
bench_begin upstream-vs-kannel

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; kannel $(kannel_version); node $(node --version); dotnet $(dotnet --version)"
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

# ---- 2. Kannel (bench/lib/kannel.sh) -------------------------------------------------------------------
echo "2. Kannel → smsc.js: sendsms from $kannel_concurrency clients, max-pending-submits = 10, one transceiver bind; each phase ≤ ${kannel_phase_seconds} s"
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
    [ "$4" = none ] || { e2e="**$(kannel_field "$1" receiptsPerSecond)**"; receipts="$4: $(kannel_field "$1" receipts)"; }
    echo "| Kannel sendsms ($kannel_concurrency clients) | $2 | $3 | $receipts | $(kannel_field "$1" answeredPerSecond) | $(kannel_field "$1" smscPerSecond) | $e2e |"
}
for rtt in 0 50; do
    if [ "$rtt" = 0 ]; then label='no delay' n=$count suffix=''; else label='50 ms round trip' n=$count_slow suffix=-50ms; fi
    IFS='|' read -r resp e2e rcpt <<<"$(upstream_row "$label")"
    echo "| SmsPortal SMPP client | $rtt ms | $n | $rcpt | $resp | $resp | **$e2e** |"
    kannel_row "kannel-dlr$suffix" "$rtt ms" "$n" dlr-mask=3
    kannel_row "kannel-nodlr$suffix" "$rtt ms" "$n" none
done
for name in kannel-dlr kannel-nodlr kannel-dlr-50ms kannel-nodlr-50ms; do
    [ "$(kannel_field "$name" timedOut)" = true ] && echo "note: $name stopped at $kannel_phase_seconds s before all messages were through (rates: what got through ÷ time of the last one)"
done
exit 0
