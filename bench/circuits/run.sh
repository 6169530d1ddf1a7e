#!/usr/bin/env bash
# N concurrent Blazor Server circuits on the records page (issue 15) in one command:
#   bench/circuits/run.sh [circuits=500] [seconds=60] [interval=5]
# Starts the portal as a user runs it (Release, Production, SQLite on a fresh file, default settings), registers a
# customer through the pages, gives it a few thousand records (bench/records' filler), signs in, and opens N circuits
# on /console/records with its own Blazor client (bench/circuits: blazorpack over WebSockets, render batches read and
# acknowledged). Each circuit then pages the records grid forward and back every <interval> seconds for <seconds>
# seconds, timing dispatch → the render batch that shows the new page. Measures the portal's memory with one circuit
# and with all of them open: the working set (VmRSS) before the page turns, and the live GC heap after a forced full
# GC (dotnet-gcdump) after them (its heap walk stalls the portal past SignalR's timeouts when the heap is large), and
# the portal's CPU per page turn. Prints `uptime` before and after and a table ready for docs/benchmarks.md.
# BENCH_MESSAGES (default 5000) sets the records; BENCH_NO_BUILD=1 runs what is built; BENCH_PROBE=1 opens one circuit and prints what it rendered;
# KEEP_LOGS=1 keeps the portal's log.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib/common.sh
circuits=${1:-500}
seconds=${2:-60}
interval=${3:-5}
messages=${BENCH_MESSAGES:-5000}
bench_begin circuits
tools=${BENCH_TOOLS:-$HOME/.dotnet/tools-circuits}
if [ ! -x "$tools/dotnet-gcdump" ]; then
  dotnet tool install dotnet-gcdump --version 10.0.750501 --tool-path "$tools" >/dev/null
fi
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  # --disable-build-servers: a build of its own, not queued behind other builds' shared MSBuild nodes.
  for project in SmsPortal.Web bench/records bench/circuits; do
    dotnet build "$project" -c Release -v q -nologo --disable-build-servers >/dev/null
  done
fi
client=(dotnet bench/circuits/bin/Release/net10.0/CircuitsBench.dll)
port=$(free_ports 1)
url="http://127.0.0.1:$port"
db="$work/circuits.db"
# As it runs in production: behind a TLS-terminating proxy on this machine (the client sends X-Forwarded-Proto:
# https, as the proxy would), from its project folder (its wwwroot). Production needs the certificate that encrypts the data-protection keys.
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=bench -keyout "$work/dp.key" -out "$work/dp.crt" 2>/dev/null
openssl pkcs12 -export -inkey "$work/dp.key" -in "$work/dp.crt" -out "$work/data-protection.pfx" -passout pass:bench
cd SmsPortal.Web
ASPNETCORE_ENVIRONMENT=Production \
DataProtection__CertificatePath="$work/data-protection.pfx" DataProtection__CertificatePassword=bench \
ConnectionStrings__Default="Data Source=$db" \
Mail__PickupDirectory="$work/mail" Platform__PublicUrl="$url/" \
Bootstrap__AdminEmail=bench@example.com Bootstrap__AdminPassword='Bench#2026bench' \
Logging__LogLevel__Default=Warning Platform__KnownProxies__0=127.0.0.1 \
  dotnet bin/Release/net10.0/SmsPortal.Web.dll --urls "$url" >"$work/portal.log" 2>&1 &
portal=$!
started $portal
cd ..
wait_until 60 curl -fs "$url/health" || { cat "$work/portal.log"; exit 1; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(dotnet --version); portal pid $portal"
echo "uptime before: $(uptime)"
email=circuits@example.com
password='Circuits#2026'
"${client[@]}" register "$url" "$work/mail" "$email" "$password"
# A few thousand records over the last 30 days, as bench/records writes them, into the same database; the
# registered customer becomes that account's user (its own new account stays empty).
ConnectionStrings__Default="Data Source=$db" dotnet bench/records/bin/Release/net10.0/RecordsBench.dll fill "$messages" 1 30 2>/dev/null
sqlite3 "$db" "UPDATE AspNetUsers SET AccountId = (SELECT Id FROM Accounts WHERE ApiId = 'BENCH00000') WHERE NormalizedEmail = upper('$email');"
if [ "${BENCH_PROBE:-0}" = 1 ]; then
  "${client[@]}" probe "$url" "$email" "$password"
  exit 0
fi
BENCH_HEAP_REPORT=${BENCH_HEAP_REPORT:-} "${client[@]}" load "$url" "$email" "$password" "$circuits" "$seconds" "$interval" "$portal" "$tools/dotnet-gcdump"
echo "uptime after: $(uptime)"
