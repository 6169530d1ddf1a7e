#!/usr/bin/env bash
# Benchmark of the vendor Submit through the real HTTP stack on SQLite, limits and the ledger on:
#   1. throughput: 64 connections for 20 s after a 10 s warm-up at the same load; accepted submits a second and latency percentiles;
#   2. paced: 500 submits a second for 20 s; accept → handed to the channel latency from the message table.
# Usage: bench/submit.sh [connections=64] [seconds=20] [rate=500] [warm-up seconds=10]
# Starts its own portal (Release) on a fresh SQLite file and stops it at the end; loopback only.
# Needs sqlite3 (to wait for the first phase's backlog to drain). Environment: BENCH_NODE_ROLES=Web (no dispatch: the acceptance writer alone), BENCH_SYNCHRONOUS=NORMAL (SQLite's
# synchronous pragma; FULL by default), BENCH_CLIENT_CPUS=1 (the load client's thread pool sees one core).
# BENCH_WRITER_LOG=Debug keeps the portal's log (the writer's time per batch every 5 s) as bench-portal.log here.
# Prints the load average before each phase and the CPU seconds the portal and the load client used in it: both
# run on the same cores, so the client's share is capacity the portal did not have.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
connections=${1:-64}
seconds=${2:-20}
rate=${3:-500}
warmup=${4:-10}
work=$(mktemp -d)
port=5391
trap 'kill $portal 2>/dev/null || true; wait $portal 2>/dev/null || true; [ "${BENCH_WRITER_LOG:-}" = Debug ] && cp "$work/portal.log" bench-portal.log; rm -rf "$work"' EXIT

dotnet build "$repo/SmsPortal.Web" -c Release -v q -nologo >/dev/null
dotnet build "$repo/bench/SubmitLoad" -c Release -v q -nologo >/dev/null
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
Logging__LogLevel__Default=Warning Node__Roles=${BENCH_NODE_ROLES:-Web,Worker} \
Database__SqliteSynchronous=${BENCH_SYNCHRONOUS:-Full} \
  env "Logging__LogLevel__SmsPortal.Infrastructure.Sending.SubmissionWriter=${BENCH_WRITER_LOG:-Warning}" \
  dotnet "$repo/SmsPortal.Web/bin/Release/net10.0/SmsPortal.Web.dll" --urls "http://127.0.0.1:$port" >"$work/portal.log" 2>&1 &
portal=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.5; done
load="$repo/bench/SubmitLoad/bin/Release/net10.0/SubmitLoad"
portal_cpu() { awk '{print $14 + $15}' "/proc/$portal/stat"; }
phase() {
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  local before; before=$(portal_cpu)
  local TIMEFORMAT='client cpu: %U s user + %S s system in %R s'
  time DOTNET_PROCESSOR_COUNT=${BENCH_CLIENT_CPUS:-$(nproc)} "$load" "$@"
  echo "portal cpu: $(awk -v a="$before" -v b="$(portal_cpu)" -v t="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (b - a) / t }') s"
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(dotnet --version); roles ${BENCH_NODE_ROLES:-Web,Worker}, synchronous ${BENCH_SYNCHRONOUS:-Full}"
phase throughput "http://127.0.0.1:$port" C99000001 benchbenchbenchbenchbenchbench01 "$connections" "$seconds" "$warmup"
# The throughput phase leaves a backlog (dispatch and receipts trail acceptance): let it drain, so the paced
# phase measures its own messages, not a queue behind the previous phase's.
echo "draining the throughput phase's backlog..."
for _ in $(seq 1 240); do
  left=$(sqlite3 "file:$work/bench.db?mode=ro" 'SELECT COUNT(*) FROM Messages WHERE Status IN (0, 1, 5)' 2>/dev/null || echo 1)
  [ "$left" = 0 ] && break
  sleep 1
done
echo "backlog left: $left"
phase paced "http://127.0.0.1:$port" C99000001 benchbenchbenchbenchbenchbench01 "$rate" "$seconds" "$work/bench.db"
