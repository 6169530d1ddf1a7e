#!/usr/bin/env bash
# Records at scale in one command: build, fill a fresh database with N messages (default 10,000,000) over 90 days
# and 1,000 accounts, fold the finished days into the daily rollups as the portal's job does, then time the
# records page's queries, every statistics card and an export of the big account's rows. Prints the load average
# before and after and a table ready for docs/benchmarks.md.
#   bench/records/run.sh [messages] [repeats]                      SQLite, bench/records/records.db
#   pg_virtualenv -o max_connections=200 bench/records/run.sh ...  PostgreSQL (a throw-away cluster; PG* variables)
# BENCH_KEEP=1 measures the database already there instead of filling a new one. BENCH_ONLY="a|b" times only the
# queries whose names contain a or b (bench/records/Measurer.cs).
set -euo pipefail
cd "$(dirname "$0")/../.."
messages=${1:-10000000}
repeats=${2:-30}
dotnet build bench/records -c Release -v quiet -nologo >/dev/null
bench=(dotnet bench/records/bin/Release/net10.0/RecordsBench.dll)
if [[ -n "${PGHOST:-}" ]]; then
  export Database__Provider=PostgreSql
  export ConnectionStrings__Default="Host=$PGHOST;Port=${PGPORT:-5432};Username=$PGUSER;Password=$PGPASSWORD;Database=$PGDATABASE;Command Timeout=600"
else
  export ConnectionStrings__Default="Data Source=$PWD/bench/records/records.db"
  [[ -n "${BENCH_KEEP:-}" ]] || rm -f bench/records/records.db bench/records/records.db-wal bench/records/records.db-shm
fi
echo "uptime before: $(uptime)"
[[ -n "${BENCH_KEEP:-}" ]] || "${bench[@]}" fill "$messages" 1000 90 2> >(grep -v '^warn\|migration\|^ *$' >&2)
echo "uptime after the fill: $(uptime)"
# Without rollups first (what every query counted before them), a few runs each; then the job's fold, and with them.
[[ -n "${BENCH_KEEP:-}" ]] || "${bench[@]}" measure 5 no-export 2>/dev/null
echo "uptime before the fold: $(uptime)"
"${bench[@]}" fold 2>/dev/null
echo "uptime before the text index: $(uptime)"
"${bench[@]}" index 2>/dev/null
echo "uptime before measuring with rollups: $(uptime)"
"${bench[@]}" measure "$repeats" 2>/dev/null
echo "uptime after: $(uptime)"
