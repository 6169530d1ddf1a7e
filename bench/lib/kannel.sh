# Sourced by bench/upstream-vs-kannel.sh and bench/e2e.sh, after bench/lib/common.sh and bench_begin: Kannel
# (bearerbox + smsbox, one transceiver bind, max-pending-submits = 10, store off) → a fresh smsc.js on free
# loopback ports, fed through sendsms by bench/lib/bench.js (keep-alive clients, 200 warm-up messages not counted).
#   kannel_require           exits with a hint when bearerbox or smsbox is missing (Debian package kannel).
#   kannel_version           Kannel's Debian version.
#   kannel_run NAME MESSAGES RESP_DELAY_MS DLR(1|0)
#                            one phase; prints "   NAME: {json}" and keeps the JSON in $work/NAME.json: answered,
#                            answeredPerSecond (sendsms), atSmsc, smscPerSecond, receipts, receiptsPerSecond
#                            (the last receipt called back), timedOut.
#   kannel_field NAME FIELD  one field of that JSON (— when null).
# Settings: KANNEL_CONCURRENCY (32 sendsms clients), PHASE_SECONDS (60: a phase stops there), SMSC_DLR_DELAY_MS
# (5: receipts after the submit; with a response delay, 2 × delay + this, as Kannel drops a receipt that comes
# before it has handled the submit_sm_resp — "got DLR but could not find message").
kannel_concurrency=${KANNEL_CONCURRENCY:-${CONCURRENCY:-32}}
kannel_phase_seconds=${PHASE_SECONDS:-60}
bearerbox=$(command -v bearerbox || echo /usr/sbin/bearerbox)
smsbox=$(command -v smsbox || echo /usr/sbin/smsbox)

kannel_require() {
    if [ ! -x "$bearerbox" ] || [ ! -x "$smsbox" ]; then
        echo "missing: bearerbox/smsbox (Debian package kannel) — ./test.sh step 1 installs it (apt-get install kannel)" >&2
        exit 1
    fi
}

kannel_version() { dpkg-query -W -f '${Version}' kannel 2>/dev/null || echo '?'; }

smsc_binds() { curl -fs "127.0.0.1:$1/stats" | sed -E 's/.*"binds":([0-9]+).*/\1/'; }
smsc_bound() { [ "$(smsc_binds "$1")" -ge 1 ]; }

kannel_run() {
    local name=$1 messages=$2 delay=$3 dlr=$4 dir="$work/$1"
    mkdir -p "$dir"
    local ports; mapfile -t ports < <(free_ports 6)
    local smpp=${ports[0]} control=${ports[1]} admin=${ports[2]} box=${ports[3]} sendsms=${ports[4]} dlrport=${ports[5]}
    local dlr_delay=${SMSC_DLR_DELAY_MS:-5}
    [ "$delay" -gt 0 ] && dlr_delay=$((2 * delay + dlr_delay))
    SMSC_PORT=$smpp SMSC_HTTP_PORT=$control SMSC_RESP_DELAY_MS=$delay SMSC_DLR_DELAY_MS=$dlr_delay NODE_PATH="$peers/node_modules" \
        node "$peers/smsc.js" >"$dir/smsc.log" 2>&1 &
    local smsc=$!; started "$smsc"
    wait_until 10 curl -fs "127.0.0.1:$control/stats" || true
    cat >"$dir/kannel.conf" <<CONF
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
CONF
    "$bearerbox" -v 4 "$dir/kannel.conf" >"$dir/bearerbox.out" 2>&1 &
    local bb=$!; started "$bb"
    wait_until 10 smsc_bound "$control" || true
    "$smsbox" -v 4 "$dir/kannel.conf" >"$dir/smsbox.out" 2>&1 &
    local sb=$!; started "$sb"
    wait_until 10 curl -s -o /dev/null "127.0.0.1:$sendsms/" || true
    node "$helper" kannel "$sendsms" "$control" "$dlrport" "$messages" "$kannel_concurrency" "$dlr" "$kannel_phase_seconds" \
        >"$dir/result.json" 2>"$dir/driver.err" || true
    stop "$sb" "$bb" "$smsc"
    local result; result=$(cat "$dir/result.json")
    [ -n "$result" ] || result='{"error":"driver failed: '"$(tr -d '"\n' <"$dir/driver.err" | cut -c1-150)"'"}'
    echo "   $name: $result"
    echo "$result" >"$work/$name.json"
}

kannel_field() { node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); const v=r[process.argv[2]]; console.log(v===null||v===undefined?"—":v)' "$work/$1.json" "$2"; }
