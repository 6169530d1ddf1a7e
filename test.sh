#!/usr/bin/env bash
# SmsPortal test harness: what CI runs (.ci/run) and what a developer runs by hand.
#
#   ./test.sh                 install what is missing, build once, run every test
#   ./test.sh --quick         no apt installs and no PostgreSQL part (the SQLite part only)
#   ./test.sh [--quick] -- EXPR [EXPR...]
#                             also filter the tests: each EXPR is a VSTest filter ANDed with
#                             the part's own, e.g. ./test.sh --quick -- "FullyQualifiedName~Sending"
#   ./test.sh --help          this text
#
# Steps, one line each:
#   1. Debian packages the tests' peers need, installed only when missing (one apt-get update
#      first): chromium, fonts-noto-cjk, postgresql (pg_virtualenv), php-cli, php-xml, python3, curl, socat, kannel,
#      gammu, poppler-utils, swaks and libnet-ssleay-perl (the SMTP door's peers), and nodejs/npm when there is
#      no `node`. See ../shared/peers.md.
#   2. npm peers: `npm ci` in SmsPortal.Tests/Peers when node_modules is missing or older than
#      package-lock.json (also with --quick: it is a no-op when up to date).
#   3. `dotnet build SmsPortal.sln -c Release`, once; the test runs use --no-build.
#   4. SQLite part: every test not in Category=PostgreSql.
#   5. PostgreSQL part: Category=PostgreSql tests inside `pg_virtualenv -t`, which makes a
#      throwaway cluster and sets PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE for them.
#      Npgsql itself reads only PGUSER and PGPASSWORD: build Host, Port and Database from the others.
#   6. Counts from the TRX files in .artifacts/test-results/ (logs in .artifacts/logs/).
#
# Variables the tests can read:
#   SMSPORTAL_PEERS_DIR   absolute path of SmsPortal.Tests/Peers (node_modules inside)
#   SMSPORTAL_SHARED_DIR  absolute path of ../shared beside the repository, when it exists
#   CHROMIUM_PATH         /usr/bin/chromium
# Optional input: SMSPORTAL_HANG_TIMEOUT (default 10m): a single test running longer than this
# is killed and the run counts as crashed, so a hang cannot eat CI's time.
#
# The last line of a run is always `N passed, N failed` (`, N skipped` when some were skipped).
# The exit code is non-zero exactly when that line has failures: a failed test, a failed
# install or build, a test run that crashed, or a run in which no test ran at all (each of the
# last four counts as one failure).

set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$repo"

quick=0
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1 ;;
        --help|-h) sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        --) shift; extra=("$@"); break ;;
        *) echo "test.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    esac
    shift
done

artifacts="$repo/.artifacts"
results="$artifacts/test-results"
logs="$artifacts/logs"
rm -rf "$results" "$logs"
mkdir -p "$results" "$logs"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export SMSPORTAL_PEERS_DIR="$repo/SmsPortal.Tests/Peers"
export CHROMIUM_PATH=/usr/bin/chromium
if [ -d "$repo/../shared" ]; then
    SMSPORTAL_SHARED_DIR=$(cd "$repo/../shared" && pwd)
    export SMSPORTAL_SHARED_DIR
fi

passed=0 failed=0 skipped=0
started=$SECONDS

step() { printf '==> %s\n' "$*"; }
took() { printf '    (%ss)\n' "$(( SECONDS - $1 ))"; }

# Ends the run early with a line CI reads as a failure.
abort() {
    printf 'test.sh: %s\n' "$*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

# ---- 1. Debian packages ----------------------------------------------------------------------
has_cmd() { command -v "$1" >/dev/null 2>&1; }
has_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

install_debian_packages() {
    local need=()
    has_cmd chromium || has_pkg chromium || need+=(chromium)
    has_pkg fonts-noto-cjk || need+=(fonts-noto-cjk)
    if ! has_cmd pg_virtualenv || ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
        need+=(postgresql)
    fi
    has_cmd php || need+=(php-cli)
    has_pkg php-xml || need+=(php-xml)
    has_cmd python3 || need+=(python3)
    has_cmd curl || need+=(curl)
    has_cmd socat || need+=(socat)
    [ -x /usr/sbin/bearerbox ] || has_cmd bearerbox || need+=(kannel)
    has_cmd gammu || need+=(gammu)
    has_cmd pdftoppm || need+=(poppler-utils)
    has_cmd node || need+=(nodejs npm)
    has_cmd swaks || need+=(swaks)
    has_pkg libnet-ssleay-perl || need+=(libnet-ssleay-perl)

    if [ ${#need[@]} -eq 0 ]; then
        step "Debian packages: all present"
        return
    fi
    has_cmd apt-get || abort "missing ${need[*]} and there is no apt-get to install them"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        has_cmd sudo || abort "missing ${need[*]}: run as root or install them"
        sudo=(sudo)
    fi
    local t=$SECONDS log="$logs/apt.log"
    step "Debian packages: installing ${need[*]}"
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -qq update >"$log" 2>&1 ||
       ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            --no-install-recommends -o Dpkg::Use-Pty=0 "${need[@]}" >>"$log" 2>&1; then
        tail -n 20 "$log" >&2
        abort "apt-get failed (full log: $log)"
    fi
    took "$t"
}

if [ "$quick" -eq 1 ]; then
    step "Debian packages: skipped (--quick)"
else
    install_debian_packages
fi

# ---- 2. npm peers ----------------------------------------------------------------------------
peers="$SMSPORTAL_PEERS_DIR"
if [ ! -f "$peers/node_modules/.package-lock.json" ] ||
   [ "$peers/package-lock.json" -nt "$peers/node_modules/.package-lock.json" ]; then
    has_cmd npm || abort "npm is missing: it is needed for the test peers in $peers"
    t=$SECONDS
    step "npm peers: npm ci in SmsPortal.Tests/Peers"
    if ! (cd "$peers" && npm ci --no-audit --no-fund --loglevel=error) >"$logs/npm.log" 2>&1; then
        tail -n 20 "$logs/npm.log" >&2
        abort "npm ci failed (full log: $logs/npm.log)"
    fi
    took "$t"
else
    step "npm peers: up to date"
fi

# ---- 3. Build --------------------------------------------------------------------------------
t=$SECONDS
step "Build: dotnet build SmsPortal.sln -c Release"
if ! dotnet build SmsPortal.sln -c Release -nologo -v:q -clp:NoSummary >"$logs/build.log" 2>&1; then
    grep -E ': (error|fatal) ' "$logs/build.log" | sed 's/ \[[^]]*\]$//' | sort -u | head -n 40 >&2 ||
        tail -n 40 "$logs/build.log" >&2
    abort "the build failed (full log: $logs/build.log)"
fi
took "$t"

# ---- 4./5. Test parts ------------------------------------------------------------------------
# Reads one attribute of the TRX <Counters .../> element (0 when absent).
counter() {
    local v
    v=$(printf '%s\n' "$1" | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p")
    echo "${v:-0}"
}

# run_part NAME FILTER [WRAPPER...]: runs dotnet test (under WRAPPER) and adds up its TRX.
run_part() {
    local name=$1 filter=$2; shift 2
    local e
    for e in "${extra[@]}"; do filter="$filter&($e)"; done
    local trx="$results/$name.trx" log="$logs/$name.log" rc t=$SECONDS
    step "Tests, $name part: --filter \"$filter\""
    set +e
    "$@" dotnet test SmsPortal.Tests -c Release --no-build --nologo \
        --filter "$filter" \
        --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
        --blame-hang-timeout "${SMSPORTAL_HANG_TIMEOUT:-10m}" --blame-hang-dump-type none \
        2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e

    if [ -f "$trx" ]; then
        local c total p f s
        c=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
        total=$(counter "$c" total)
        p=$(counter "$c" passed)
        f=$(( $(counter "$c" failed) + $(counter "$c" error) + $(counter "$c" timeout) + $(counter "$c" aborted) ))
        s=$(( total - p - f ))
        [ "$s" -lt 0 ] && s=0
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
            echo "test.sh: the $name part exited with $rc and no failed test: counted as one failure (crash or hang?)" >&2
            f=1
        fi
        passed=$(( passed + p )) failed=$(( failed + f )) skipped=$(( skipped + s ))
        printf '    %s: %s passed, %s failed, %s skipped (%ss)\n' "$name" "$p" "$f" "$s" "$(( SECONDS - t ))"
    elif [ "$rc" -eq 0 ] && grep -q 'No test matches the given testcase filter' "$log"; then
        printf '    %s: no test matches the filter (%ss)\n' "$name" "$(( SECONDS - t ))"
    else
        echo "test.sh: the $name part exited with $rc and wrote no $trx: counted as one failure" >&2
        failed=$(( failed + 1 ))
    fi
}

run_part sqlite "Category!=PostgreSql"

if [ "$quick" -eq 1 ]; then
    step "Tests, postgres part: skipped (--quick)"
elif ! has_cmd pg_virtualenv; then
    echo "test.sh: pg_virtualenv is missing (Debian package postgresql): counted as one failure" >&2
    failed=$(( failed + 1 ))
else
    # -t: the cluster lives in a temporary folder even as root. Without it, root's cluster is
    # /etc/postgresql/<v>/regress, so two runs on one machine collide and one left behind by a
    # killed run makes every later run refuse to start ("Cluster 15/regress exists").
    run_part postgres "Category=PostgreSql" pg_virtualenv -t -o max_connections=200
fi

# ---- 6. Summary ------------------------------------------------------------------------------
if [ $(( passed + failed )) -eq 0 ]; then
    echo "test.sh: no test ran: counted as one failure" >&2
    failed=1
fi
step "Done in $(( SECONDS - started ))s; TRX files in ${results#"$repo"/}"
if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
