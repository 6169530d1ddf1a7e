#!/usr/bin/env bash
# Benchmark of the SMPP server for customers, on SQLite, limits and the ledger on: node's smpp client
# (SmsPortal.Tests/Peers/esme.js) binds as a transceiver, submits COUNT messages with a window of WINDOW and
# waits for every delivery receipt. Prints esme.js's JSON line (accepted = submit_sm_resp ESME_ROK, each one
# committed to the database first; perSecond = accepted / seconds incl. the receipts) and the load average.
# Usage: bench/SmppServer/run.sh [count=20000] [window=10]   (ESME_FLAGS=--no-dlr: submits only, no receipts)
# WARMUP (default: count) messages go through the same way first and are not counted: a portal that has been
# running is measured, not .NET's tiered compilation of a fresh process (which takes a fifth of its CPU for the
# first tens of thousands of messages on two cores; docs/benchmarks.md).
# Starts its own portal (Release) on a fresh SQLite file and stops it at the end; loopback only.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
count=${1:-20000}
window=${2:-10}
work=$(mktemp -d)
port=5392
smpp=2775
trap 'kill $portal 2>/dev/null || true; wait $portal 2>/dev/null || true; rm -rf "$work"' EXIT

peers="$repo/SmsPortal.Tests/Peers"
[ -d "$peers/node_modules/smpp" ] || (cd "$peers" && npm ci --silent)
dotnet build "$repo/SmsPortal.Web" -c Release -v q -nologo >/dev/null
# Production needs the certificate that encrypts the data-protection keys.
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=bench -keyout "$work/dp.key" -out "$work/dp.crt" 2>/dev/null
openssl pkcs12 -export -inkey "$work/dp.key" -in "$work/dp.crt" -out "$work/data-protection.pfx" -passout pass:bench
ASPNETCORE_ENVIRONMENT=Production \
DataProtection__CertificatePath="$work/data-protection.pfx" DataProtection__CertificatePassword=bench \
ConnectionStrings__Default="Data Source=$work/bench.db" \
Mail__PickupDirectory="$work/mail" Platform__PublicUrl="http://127.0.0.1:$port/" \
Bootstrap__AdminEmail=bench@example.com Bootstrap__AdminPassword='Bench#2026bench' \
Bootstrap__DemoApiId=C99000001 Bootstrap__DemoApiKey=benchbenchbenchbenchbenchbench01 Bootstrap__DemoCredits=100000000 \
Channels__Simulator__Enabled=true Channels__Simulator__ReceiptDelayMilliseconds=1000 \
Smpp__Port=$smpp Smpp__Host=127.0.0.1 Smpp__MaxPerSecondPerAccount=1000000 \
Logging__LogLevel__Default=Warning Node__Roles=${BENCH_NODE_ROLES:-Web,Worker} \
  dotnet "$repo/SmsPortal.Web/bin/Release/net10.0/SmsPortal.Web.dll" --urls "http://127.0.0.1:$port" >"$work/portal.log" 2>&1 &
portal=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.5; done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(dotnet --version); before: $(uptime | sed 's/.*load/load/')"
warmup=${WARMUP:-$count}
if [ "$warmup" -gt 0 ]; then
  node "$peers/esme.js" --host 127.0.0.1 --port $smpp --system-id C99000001 --password benchbenchbenchbenchbenchbench01 \
    --count "$warmup" --window "$window" --to 138001 --wait-ms 300000 ${ESME_FLAGS:-} \
    --text "【SmsPortal】您的验证码是：1234。请不要把验证码泄露给其他人。" >"$work/warmup.json" || true
  echo "warm-up (not counted): $(cat "$work/warmup.json")"
fi
node "$peers/esme.js" --host 127.0.0.1 --port $smpp --system-id C99000001 --password benchbenchbenchbenchbenchbench01 \
  --count "$count" --window "$window" --to 138001 --wait-ms 300000 ${ESME_FLAGS:-} \
  --text "【SmsPortal】您的验证码是：1234。请不要把验证码泄露给其他人。" || true
echo "after: $(uptime | sed 's/.*load/load/')"
if command -v sqlite3 >/dev/null; then
  echo "stored (warm-up included): $(sqlite3 "$work/bench.db" "select count(*) from Messages where Door = 3"), receipts confirmed: $(sqlite3 "$work/bench.db" "select count(*) from Messages where SmppReceipt = 2")"
fi
