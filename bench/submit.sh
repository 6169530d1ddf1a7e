#!/usr/bin/env bash
# Benchmark of the vendor Submit through the real HTTP stack on SQLite, limits and the ledger on:
#   1. throughput: 64 connections for 20 s; accepted submits a second and latency percentiles;
#   2. paced: 500 submits a second for 20 s; accept → handed to the channel latency from the message table.
# Usage: bench/submit.sh [connections=64] [seconds=20] [rate=500]
# Starts its own portal (Release) on a fresh SQLite file and stops it at the end; loopback only.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
connections=${1:-64}
seconds=${2:-20}
rate=${3:-500}
work=$(mktemp -d)
port=5391
trap 'kill $portal 2>/dev/null || true; wait $portal 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build "$repo/SmsPortal.Web" -c Release -v q -nologo >/dev/null
dotnet build "$repo/bench/SubmitLoad" -c Release -v q -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production \
ConnectionStrings__Default="Data Source=$work/bench.db" \
Mail__PickupDirectory="$work/mail" \
Bootstrap__AdminEmail=bench@example.com Bootstrap__AdminPassword='Bench#2026bench' \
Bootstrap__DemoApiId=C99000001 Bootstrap__DemoApiKey=benchbenchbenchbenchbenchbench01 Bootstrap__DemoCredits=100000000 \
Channels__Simulator__ReceiptDelayMilliseconds=1000 \
Logging__LogLevel__Default=Warning Node__Roles=${BENCH_NODE_ROLES:-Web,Worker} \
  dotnet "$repo/SmsPortal.Web/bin/Release/net10.0/SmsPortal.Web.dll" --urls "http://127.0.0.1:$port" >"$work/portal.log" 2>&1 &
portal=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.5; done
load="$repo/bench/SubmitLoad/bin/Release/net10.0/SubmitLoad"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(dotnet --version)"
"$load" throughput "http://127.0.0.1:$port" C99000001 benchbenchbenchbenchbenchbench01 "$connections" "$seconds"
"$load" paced "http://127.0.0.1:$port" C99000001 benchbenchbenchbenchbenchbench01 "$rate" "$seconds" "$work/bench.db"
