#!/usr/bin/env bash
# The whole path a customer pays for, in one run: vendor-API Submit → acceptance (SQLite) → dispatch → SMPP
# channel → SMSC (smsc.js) → delivery receipt → receipt push to the customer's URL (push-receiver.js).
#   1. One portal process (Release, ASPNETCORE_ENVIRONMENT=Production, Node:Roles=Web,Worker, a fresh SQLite file,
#      default settings otherwise) with one SMPP channel declared in configuration (Channels:upstream, window 10,
#      Dispatch:DefaultChannel=upstream; the simulator is not used) bound to a fresh smsc.js (receipts 5 ms after
#      the submit_sm), and the demo account's receipt push URL pointing at a local push-receiver.js. The
#      bootstrap has no setting for that URL: it is written into the SQLite file with sqlite3 once the portal
#      has started, before any load (UPDATE Accounts SET ReceiptPushUrl = … WHERE ApiId = …).
#   2. WARMUP submits (not counted; default N) until their receipts are pushed; smsc.js's counters reset. A portal
#      that has been running is measured, not a fresh process: .NET recompiles hot code in tiers during its first
#      tens of thousands of messages, a fifth of the portal's CPU on two cores with a warm-up of 200 (measured with
#      perf, docs/benchmarks.md). WARMUP=200 measures the fresh process. The warm-up runs in WARMUP_ROUNDS (4)
#      rounds with a second's pause after each: .NET starts counting calls for a method's next tier only after a
#      pause in new compilations, so one long round leaves hot methods half-tiered for the measured run.
#   3. N vendor-API Submits from CONNECTIONS keep-alive connections (bench/SubmitLoad count) while dispatch,
#      receipts and pushes run: accepted/s and submit p50/p99/max; submit_sm reaching the SMSC/s (its /stats
#      polled every 20 ms: submits ÷ (last new submit − first)); receipts pushed end to end/s = receipt
#      pushes (any state) ÷ (last push − first submit), waiting for N pushes at most TIMEOUT s, or until nothing
#      moved for STALL s (how many arrived is printed); the "submit_sm … got no response in time" lines in the
#      portal's log since the warm-up (one per submit_sm the channel gave up waiting for).
#   4. Once no message waits for dispatch (none Accepted or Dispatching; those still waiting for a receipt are
#      counted): PACED_RATE submits a second for PACED_SECONDS (bench/SubmitLoad paced): accept → channel
#      p50/p99 from the Messages table (AcceptedAt → SubmittedAt, written when the channel answered the claimed
#      batch's submit_sm).
#   5. The portal stopped, Kannel with receipts for the same N (bench/lib/kannel.sh, as in upstream-vs-kannel.sh):
#      sendsms → bearerbox → smsc.js (window 10) → dlr-url callback, on a fresh smsc.js.
# Usage: bench/e2e.sh [N=20000]
# Environment: CONNECTIONS (64), WARMUP (N), PACED_RATE (500), PACED_SECONDS (20), TIMEOUT (300: the wait for
#   N pushes, for the backlog, and the Kannel phase's limit), STALL (60), SMSC_DLR_DELAY_MS (5), KANNEL_CONCURRENCY (32), KEEP_LOGS=1 (keep the
#   portal's, peers' and Kannel's logs; the folder is printed), SMSPORTAL_PEERS_DIR (SmsPortal.Tests/Peers:
#   smsc.js, push-receiver.js, node_modules/smpp).
# Needs node, curl, dotnet, sqlite3 and Debian's kannel. Loopback only; everything it starts is stopped on exit.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
count=${1:-20000}
connections=${CONNECTIONS:-64}
warmup=${WARMUP:-$count}
warmup_rounds=${WARMUP_ROUNDS:-4}
[ "$warmup_rounds" -ge 1 ] && [ "$warmup_rounds" -le 6 ] || { echo "WARMUP_ROUNDS must be 1 to 6" >&2; exit 2; }
paced_rate=${PACED_RATE:-500}
paced_seconds=${PACED_SECONDS:-20}
timeout=${TIMEOUT:-300}
stall=${STALL:-60}
export SMSC_DLR_DELAY_MS=${SMSC_DLR_DELAY_MS:-5}
PHASE_SECONDS=$timeout
source "$repo/bench/lib/kannel.sh"
api_id=C99000001
api_key=benchbenchbenchbenchbenchbench01

require_peers sqlite3
kannel_require
bench_begin e2e

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; kannel $(kannel_version); node $(node --version); dotnet $(dotnet --version)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "building SmsPortal.Web and bench/SubmitLoad (Release)..."
for project in SmsPortal.Web bench/SubmitLoad; do
    dotnet build "$repo/$project" -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done
load="$repo/bench/SubmitLoad/bin/Release/net10.0/SubmitLoad"

mapfile -t ports < <(free_ports 4)
portal_port=${ports[0]} smpp_port=${ports[1]} control=${ports[2]} push_port=${ports[3]}
portal="http://127.0.0.1:$portal_port"
db="$work/portal.db"

SMSC_PORT=$smpp_port SMSC_HTTP_PORT=$control NODE_PATH="$peers/node_modules" node "$peers/smsc.js" >"$work/smsc.log" 2>&1 &
started $!
node "$peers/push-receiver.js" "$push_port" >"$work/push-receiver.log" 2>&1 &
started $!
wait_until 10 curl -fs "127.0.0.1:$control/stats" || { echo "smsc.js did not start: $(cat "$work/smsc.log")" >&2; exit 1; }
wait_until 10 curl -fs "127.0.0.1:$push_port/count" || { echo "push-receiver.js did not start" >&2; exit 1; }

# Production needs a certificate for the data-protection key ring: a throwaway one.
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=bench -keyout "$work/dp.key" -out "$work/dp.crt" 2>/dev/null
openssl pkcs12 -export -inkey "$work/dp.key" -in "$work/dp.crt" -out "$work/data-protection.pfx" -passout pass:bench
ASPNETCORE_ENVIRONMENT=Production \
DataProtection__CertificatePath="$work/data-protection.pfx" DataProtection__CertificatePassword=bench \
ConnectionStrings__Default="Data Source=$db" \
Mail__PickupDirectory="$work/mail" \
Bootstrap__AdminEmail=bench@example.com Bootstrap__AdminPassword='Bench#2026bench' \
Bootstrap__DemoApiId=$api_id Bootstrap__DemoApiKey=$api_key Bootstrap__DemoCredits=100000000 \
Node__Roles=Web,Worker \
Channels__upstream__Type=Smpp Channels__upstream__Host=127.0.0.1 Channels__upstream__Port="$smpp_port" \
Channels__upstream__SystemId=smsportal Channels__upstream__Password=secret Channels__upstream__Window=10 \
Dispatch__DefaultChannel=upstream \
Pushes__AllowedInternalHosts=127.0.0.1 Platform__PublicUrl="$portal/" \
Logging__LogLevel__Default=Warning \
    dotnet "$repo/SmsPortal.Web/bin/Release/net10.0/SmsPortal.Web.dll" --urls "$portal" >"$work/portal.log" 2>&1 &
portal_pid=$!
started $portal_pid
wait_until 120 curl -fs "$portal/health" || { echo "the portal did not start:" >&2; tail -20 "$work/portal.log" >&2; exit 1; }
wait_until 30 smsc_bound "$control" || { echo "the portal's SMPP channel did not bind:" >&2; tail -20 "$work/portal.log" >&2; exit 1; }
changed=$(sqlite3 -cmd '.timeout 10000' "$db" \
    "UPDATE Accounts SET ReceiptPushUrl = 'http://127.0.0.1:$push_port/receipts' WHERE ApiId = '$api_id'; SELECT changes();")
[ "$changed" = 1 ] || { echo "could not set the demo account's receipt push URL (rows changed: $changed)" >&2; exit 1; }

pushes() { curl -fs "127.0.0.1:$push_port/count" | sed -E 's/.*"pushes":([0-9]+).*/\1/'; }
pushed_at_least() { [ "$(pushes)" -ge "$1" ]; }
messages_in() { sqlite3 -cmd '.timeout 10000' "file:$db?mode=ro" "SELECT COUNT(*) FROM Messages WHERE Status IN ($1)"; }
drained() { [ "$(messages_in 0,5)" = 0 ]; }
timed_out() { grep -c 'got no response in time' "$work/portal.log" || true; }

echo "1. warm-up: $warmup submits in $warmup_rounds rounds, not counted, each until its receipts are pushed"
for round in $(seq 1 "$warmup_rounds"); do
    # Each round its own numbers (blocks 3…8); the pause lets .NET start counting calls for its next tier.
    SUBMITLOAD_BLOCK=$((round + 2)) "$load" count "$portal" "$api_id" "$api_key" "$((warmup / warmup_rounds))" "$connections" >"$work/warmup.txt" || { cat "$work/warmup.txt"; exit 1; }
    wait_until 120 pushed_at_least "$((round * (warmup / warmup_rounds)))" || echo "   warm-up: only $(pushes) receipts pushed after 120 s"
    sleep 1
done
curl -fs -X POST "127.0.0.1:$control/reset" >/dev/null
timed_out_warmup=$(timed_out)

echo "2. $count submits from $connections connections, window 10, receipts after ${SMSC_DLR_DELAY_MS} ms; waiting ≤ ${timeout} s for $count pushes (or ${stall} s without progress)"
echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
node "$helper" watch "$control" "$push_port" "$count" "$timeout" "$stall" >"$work/watch.json" 2>"$work/watch.err" &
watcher=$!
started $watcher
wait_until 10 grep -q ready "$work/watch.err" || { echo "the watcher did not start: $(cat "$work/watch.err")" >&2; exit 1; }
"$load" count "$portal" "$api_id" "$api_key" "$count" "$connections" | tee "$work/count.txt" | sed 's/^/   /' || true
wait "$watcher" || true
stop "$watcher"
watch=$(cat "$work/watch.json")
echo "   watch: $watch"
value() { grep -oE "(^| )$1=[^ ]+" "$work/count.txt" | cut -d= -f2 | sed 's/ms$//'; }
json() { node -e 'const r=JSON.parse(process.argv[1]); const v=r[process.argv[2]]; console.log(v===null||v===undefined?"":v)' "$watch" "$1"; }
rate() { awk -v n="$1" -v ms="$2" 'BEGIN { if (ms > 0) printf "%.0f", n * 1000 / ms; else print "—" }'; }
started_ms=$(value started)
submits=$(json submits)
smsc_first=$(json smscFirstMs) smsc_last=$(json smscLastMs) smsc_rate=—
[ -n "$smsc_first" ] && smsc_rate=$(rate "$submits" "$((smsc_last - smsc_first))")
pushed=$(json pushes)
last_push=$(json lastPushMs)
e2e_rate=—
[ -n "$last_push" ] && e2e_rate=$(rate "$pushed" "$((last_push - started_ms))")
timed_out=$(( $(timed_out) - timed_out_warmup ))
echo "   reaching the SMSC: $submits submit_sm, $smsc_rate/s; receipts pushed: $pushed of $count ($(json delivered) DELIVRD), $e2e_rate/s end to end"
echo "   submit_sm without a response in time (portal log): $timed_out"

echo "3. paced: $paced_rate submits a second for $paced_seconds s, once no message waits for dispatch"
wait_until "$timeout" drained || echo "   after ${timeout} s, $(messages_in 0,5) messages still wait for dispatch"
echo "   messages still without a receipt: $(messages_in 1)"
echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
SUBMITLOAD_BLOCK=2 "$load" paced "$portal" "$api_id" "$api_key" "$paced_rate" "$paced_seconds" "$db" | tee "$work/paced.txt" | sed 's/^/   /' || true
echo "   submit_sm without a response in time (portal log) since step 2 (its backlog and this phase): $(( $(timed_out) - timed_out_warmup - timed_out ))"
stop "${pids[@]}"

echo "4. Kannel → smsc.js: $count messages through sendsms from $kannel_concurrency clients, dlr-mask=3, max-pending-submits = 10"
kannel_run kannel-e2e "$count" 0 1
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

paced() { grep -oE "(^| )$1=[^ ]+" "$work/paced.txt" | cut -d= -f2; }
echo
echo "| path | messages | accepted/s (submit p50 / p99) | reaching the SMSC/s | receipts end to end/s | receipts | submit_sm without a response in time |"
echo "|---|---|---|---|---|---|---|"
echo "| SmsPortal: vendor API ($connections connections) → SQLite → SMPP window 10 → push | $count | $(value accepted/s) ($(value p50) / $(value p99) ms) | $smsc_rate | **$e2e_rate** | $pushed of $count pushed | $timed_out |"
echo "| Kannel: sendsms ($kannel_concurrency clients) → SMPP window 10 → dlr-url | $count | $(kannel_field kannel-e2e answeredPerSecond) (sendsms) | $(kannel_field kannel-e2e smscPerSecond) | **$(kannel_field kannel-e2e receiptsPerSecond)** | $(kannel_field kannel-e2e receipts) of $count called back | — |"
echo
echo "paced, SmsPortal: $paced_rate/s for $paced_seconds s: accept → channel p50 $(grep -oE 'accept->channel p50=[^ ]+' "$work/paced.txt" | cut -d= -f2) / p99 $(grep -oE 'accept->channel p50=[^ ]+ p99=[^ ]+' "$work/paced.txt" | sed -E 's/.*p99=//'); submit p50 $(paced p50 | head -1) / p99 $(paced p99 | head -1); $(paced handed) of $(paced accepted) accepted handed to the channel"
[ "$(json timedOut)" = true ] && echo "note: stopped waiting $([ "$(json stalled)" = true ] && echo "after $stall s without progress" || echo "at $timeout s"): $pushed of $count receipts pushed, $submits of $count submit_sm reached the SMSC (rates: what arrived ÷ the time of the last)"
[ "$(kannel_field kannel-e2e timedOut)" = true ] && echo "note: the Kannel phase stopped at $timeout s before all messages were through"
exit 0
