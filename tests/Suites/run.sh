#!/usr/bin/env bash
# Runs real libraries' own test suites (xunit, NUnit) unwoven and woven, and compares the per-test
# outcomes. docs/suites.md records a run.
#
# usage: tests/Suites/run.sh [MIRRORS [WORK]]
#   MIRRORS  folder of the fetched repository mirrors, one bare git directory per repository at
#            MIRRORS/owner+name/repo (as the fetch tool leaves them); default $STM_SUITES_MIRRORS,
#            else /work/.mirror. Every repository named in suites.tsv (extra checkouts included)
#            must be there with the pinned commit.
#   WORK     work folder, outside this repository; default $STM_SUITES_WORK, else /tmp/stm-suites
#            (each library's folder in it is replaced).
#
# Environment:
#   SUITES="markdig bitfaster"   only these rows of suites.tsv (first column)
#   TEST_TIMEOUT=1800            seconds per `dotnet test` run; past it the test host's stacks are
#                                taken with dotnet-stack (WORK/tools) and the run is killed (a hang)
#   HANG_TIMEOUT=600             seconds one test may run (vstest --blame-hang): the test is named
#                                and the run is cut short, then rerun without it
#   HEAP_LIMIT=0xC0000000        DOTNET_GCHeapHardLimit of every test run (original and woven), so
#                                that a run that keeps allocating gets an OutOfMemoryException and
#                                not the machine's OOM killer; 0: no limit
#   MAX_RERUNS=3                 after a crash, reruns of the woven suite without the tests that
#                                were running when the host died
#   SERIAL_OFF=1                 also run the woven suite with STM_SERIAL=0 (STM mode on one
#                                thread: every barrier logs) and compare it too
#
# What it does: builds stmweave from a copy of this checkout (copied to WORK/stm-src, never inside the
# repository); per library, extracts the pinned commit (git archive) into WORK/NAME/src with its
# extra checkouts, installs the overlay (tests/Suites/overlays: MSBuild overrides for packages the
# feed does not serve, target frameworks), builds the test project in Release with the row's
# properties, weaves the library dlls and then the test dll from the test output folder into the
# sibling folder stm-woven (`stmweave LIB.dll... TESTS.dll -o stm-woven`; a sibling, so that tests
# that find their data relative to their own folder still do), checks that stmweave registered Stm
# in TESTS.deps.json, runs `dotnet test TESTS.dll` (vstest, trx logger) in the original and the
# woven folder, and compares the outcomes test by test (trx.py). Logs, trx files and
# WORK/NAME/report.txt (each difference with its message and stack) stay in WORK; the summary table
# is printed and written to WORK/results.md.
#
# Exit code: 0 when every library built, wove, and every test has the same outcome woven as
# unwoven; 1 on any difference (a test that passes unwoven and fails, crashes, hangs or is not run
# woven, or one that fails unwoven and passes woven: a flaky test) or a build or weave failure;
# 2 on a wrong command line or missing tools.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
MIRRORS=${1:-${STM_SUITES_MIRRORS:-/work/.mirror}}
WORK=${2:-${STM_SUITES_WORK:-/tmp/stm-suites}}
TEST_TIMEOUT=${TEST_TIMEOUT:-1800}
HANG_TIMEOUT=${HANG_TIMEOUT:-600}
HEAP_LIMIT=${HEAP_LIMIT:-0xC0000000}
MAX_RERUNS=${MAX_RERUNS:-3}
SERIAL_OFF=${SERIAL_OFF:-0}
TRX="python3 $HERE/trx.py"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

die() { echo "run.sh: $*" >&2; exit 2; }
say() { printf '\n== %s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

case "${1:-}" in -h|--help) sed -n '2,40p' "$0"; exit 0;; esac
[ $# -le 2 ] || die "usage: tests/Suites/run.sh [MIRRORS [WORK]]"
[ -d "$MIRRORS" ] || die "no mirrors folder $MIRRORS (usage: tests/Suites/run.sh [MIRRORS [WORK]])"
MIRRORS=$(cd "$MIRRORS" && pwd)
mkdir -p "$WORK" && WORK=$(cd "$WORK" && pwd)
case "$WORK" in "$REPO"|"$REPO"/*) die "WORK must be outside the repository ($REPO)";; esac
for tool in dotnet git python3 tar timeout; do command -v $tool >/dev/null || die "$tool is missing"; done

# ---------------------------------------------------------------- stmweave, from a copy of the checkout
say "building stmweave from $REPO (copy in $WORK/stm-src)"
rm -rf "$WORK/stm-src" && mkdir -p "$WORK/stm-src"
tar -C "$REPO" --exclude=./.git --exclude=bin --exclude=obj --exclude=TestResults -cf - . | tar -C "$WORK/stm-src" -xf - || die "copying the checkout failed"
dotnet build -c Release -nologo -v q "$WORK/stm-src/Cli/Stm.Weave.Tool.csproj" >"$WORK/build-stmweave.log" 2>&1 \
    || { tail -30 "$WORK/build-stmweave.log"; die "building stmweave failed"; }
STMWEAVE="$WORK/stm-src/Cli/bin/Release/net10.0/stmweave.dll"
[ -f "$STMWEAVE" ] || die "stmweave.dll is missing after the build"
COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git -C "$REPO" status --porcelain 2>/dev/null | grep -c . || true)

# ---------------------------------------------------------------- helpers
mirror_of() { echo "$MIRRORS/${1/\//+}/repo"; }

extract() {   # extract OWNER/NAME COMMIT DEST
    local git_dir; git_dir=$(mirror_of "$1")
    [ -d "$git_dir" ] || { echo "no mirror of $1 at $git_dir (fetch github:$1)"; return 1; }
    git --git-dir="$git_dir" cat-file -e "$2^{commit}" 2>/dev/null || { echo "$1: commit $2 is not in $git_dir"; return 1; }
    mkdir -p "$3" && git --git-dir="$git_dir" archive "$2" | tar -x -C "$3"
}

install_overlay() {   # install_overlay FILE@DIR SRC: FILE becomes SRC/DIR/Directory.Build.targets (importing the one it replaces)
    local spec=$1 src=$2 file dir target
    file=${spec%@*}; dir=${spec#*@}; [ "$dir" = "$spec" ] && dir=.
    target="$src/$dir/Directory.Build.targets"
    [ -f "$HERE/overlays/$file" ] || { echo "no overlay $HERE/overlays/$file"; return 1; }
    if [ -f "$target" ]; then
        mv "$target" "$target.original"
        sed 's|^<Project>|<Project>\n  <Import Project="$(MSBuildThisFileDirectory)Directory.Build.targets.original" />|' "$HERE/overlays/$file" >"$target"
    else
        cp "$HERE/overlays/$file" "$target"
    fi
}

descendants() { local p; for p in $(pgrep -P "$1" 2>/dev/null); do echo "$p"; descendants "$p"; done; }

capture_stacks() {   # capture_stacks PID OUT: dotnet-stack of every test host under PID
    local tool="$WORK/tools/dotnet-stack" p
    [ -x "$tool" ] || dotnet tool install --tool-path "$WORK/tools" dotnet-stack >"$WORK/tools-install.log" 2>&1
    for p in $(descendants "$1"); do
        if tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q testhost; then
            { echo "### test host $p: $(tr '\0' ' ' <"/proc/$p/cmdline")"; "$tool" report -p "$p" 2>&1; } >>"$2"
        fi
    done
}

dump_stacks() {   # dump_stacks OUT: the managed stacks of the hang dumps vstest --blame-hang left in S/results, then the dumps are deleted
    local tool="$WORK/tools/dotnet-dump" d
    while IFS= read -r d; do
        [ -x "$tool" ] || dotnet tool install --tool-path "$WORK/tools" dotnet-dump >>"$WORK/tools-install.log" 2>&1
        { echo "### $(basename "$d")"; "$tool" analyze "$d" -c "clrstack -all" -c exit 2>&1; } >>"$1"
        rm -f "$d"
    done < <(find "$S/results" -name '*.dmp' 2>/dev/null)
}

kill_tree() { local p; for p in $(descendants "$1") "$1"; do kill -9 "$p" 2>/dev/null; done; }

filter_excluding() {   # filter_excluding NAME...: a vstest filter that leaves these tests out
    local f="" n
    for n in "$@"; do
        n=$(printf '%s' "$n" | sed -e 's/[\\()&|=!~]/\\&/g')
        f="${f:+$f&}FullyQualifiedName!=$n"
    done
    printf '%s' "$f"
}

RUN_WALL=0 RUN_STATE=ok
run_tests() {   # run_tests DIR TRXNAME LOG FILTER [VAR=VALUE...]: sets RUN_WALL, RUN_STATE (ok, failed, aborted, timeout)
    local dir=$1 trx=$2 log=$3 filter=$4; shift 4
    local -a envs=("$@") args=()
    [ "$HEAP_LIMIT" != 0 ] && envs+=("DOTNET_GCHeapHardLimit=$HEAP_LIMIT")
    [ -n "$filter" ] && args=(--filter "$filter")
    local start; start=$(now)
    ( cd "$dir" && exec env "${envs[@]}" dotnet test "$TESTDLL" --logger "trx;LogFileName=$trx" --results-directory "$S/results" \
        --blame --blame-hang --blame-hang-timeout "${HANG_TIMEOUT}s" --blame-hang-dump-type none "${args[@]}" ) >"$log" 2>&1 &
    local pid=$! rc watchdog
    RUN_STATE=ok
    rm -f "$log.timeout"
    (   # the watchdog: past TEST_TIMEOUT, the test host's stacks, then the whole run is killed
        sleep "$TEST_TIMEOUT"
        kill -0 "$pid" 2>/dev/null || exit 0
        echo "run.sh: still running after ${TEST_TIMEOUT}s: stacks in $log.stacks" >"$log.timeout"
        capture_stacks "$pid" "$log.stacks"
        kill_tree "$pid"
    ) &
    watchdog=$!
    wait "$pid"; rc=$?
    RUN_WALL=$(elapsed "$start" "$(now)")
    kill_tree "$watchdog"; wait "$watchdog" 2>/dev/null
    [ -f "$log.timeout" ] && { RUN_STATE=timeout; cat "$log.timeout" >>"$log"; }
    dump_stacks "$log.hang-stacks"
    if [ "$RUN_STATE" = ok ]; then
        if grep -q 'Test Run Aborted\|The active test run was aborted' "$log"; then RUN_STATE=aborted
        elif [ "$rc" != 0 ]; then RUN_STATE=failed; fi
    fi
}

WOVEN_FILES=() CRASHED=() HUNG=() WOVEN_WALL=0 WOVEN_STATE=ok
run_woven() {   # run_woven TAG [VAR=VALUE...]: the woven suite, rerun without the tests running at each crash
    local tag=$1; shift
    WOVEN_FILES=() CRASHED=() HUNG=() WOVEN_WALL=0 WOVEN_STATE=ok
    local attempt=0 trx log
    while :; do
        trx="$tag$([ $attempt -gt 0 ] && echo "-rerun$attempt").trx"
        log="$S/logs/$tag$([ $attempt -gt 0 ] && echo "-rerun$attempt").log"
        run_tests "$WOVEN" "$trx" "$log" "$(filter_excluding "${CRASHED[@]}")" "$@"
        WOVEN_FILES+=("$S/results/$trx")
        WOVEN_WALL=$(awk -v a="$WOVEN_WALL" -v b="$RUN_WALL" 'BEGIN { printf "%.1f", a + b }')
        [ "$RUN_STATE" = aborted ] || [ "$RUN_STATE" = timeout ] && WOVEN_STATE=$RUN_STATE
        [ "$RUN_STATE" = aborted ] || break
        mapfile -t new < <($TRX crashed "$log")
        [ ${#new[@]} -gt 0 ] && [ $attempt -lt "$MAX_RERUNS" ] || break
        CRASHED+=("${new[@]}")
        attempt=$((attempt + 1))
        if grep -q 'inactivity time of' "$log"; then
            HUNG+=("${new[@]}")
            echo "   $tag: ${new[*]} ran past HANG_TIMEOUT (stacks: ${log##*/}.hang-stacks); rerun $attempt without them" >&2
        else
            echo "   $tag: the test host died running ${new[*]}; rerun $attempt without them" >&2
        fi
    done
}

# ---------------------------------------------------------------- per library
mapfile -t ROWS < <(grep -v '^#' "$HERE/suites.tsv" | grep -v '^[[:space:]]*$')
TABLE="| library | tests | unwoven passed/failed/skipped | woven passed/failed/skipped | unwoven s | woven s | woven/unwoven | regressions | differences | notes |"$'\n'"|---|---:|---|---|---:|---:|---:|---:|---:|---|"
STATUS=0
declare -a DETAILS=()

for row in "${ROWS[@]}"; do
    IFS=$'\t' read -r NAME REPOSITORY PIN TESTPROJ LIBS TESTDLL PROPS EXTRAS OVERLAY <<<"$row"
    if [ -n "${SUITES:-}" ] && ! grep -qw -- "$NAME" <<<"$SUITES"; then continue; fi
    S="$WORK/$NAME"
    say "$NAME: $REPOSITORY@$PIN"
    rm -rf "$S" && mkdir -p "$S/src" "$S/results" "$S/logs"
    note=""
    fail_row() { TABLE+=$'\n'"| $NAME | | | | | | | | | $1 |"; STATUS=1; }

    if ! msg=$(extract "$REPOSITORY" "$PIN" "$S/src" 2>&1); then fail_row "checkout failed: $msg"; continue; fi
    ok=1
    if [ "$EXTRAS" != "-" ]; then
        IFS=',' read -ra extras <<<"$EXTRAS"
        for x in "${extras[@]}"; do
            path=${x%%=*}; spec=${x#*=}
            if ! msg=$(extract "${spec%@*}" "${spec#*@}" "$S/src/$path" 2>&1); then fail_row "checkout of $path failed: $msg"; ok=0; break; fi
        done
    fi
    [ $ok = 1 ] || continue
    if [ "$OVERLAY" != "-" ] && ! msg=$(install_overlay "$OVERLAY" "$S/src" 2>&1); then fail_row "$msg"; continue; fi

    # build
    read -ra props <<<"$PROPS"
    t0=$(now)
    if ! (cd "$S/src" && dotnet build -c Release -m:1 -nologo -v q "$TESTPROJ" "${props[@]}") >"$S/logs/build.log" 2>&1; then
        grep -E ' error ' "$S/logs/build.log" | sort -u | head -5 >&2
        fail_row "build failed (logs/build.log)"; continue
    fi
    echo "   built in $(elapsed "$t0" "$(now)") s" >&2
    OUT=$(find "$S/src/$(dirname "$TESTPROJ")/bin/Release" -maxdepth 3 -name "$TESTDLL" -printf '%h\n' 2>/dev/null | head -1)
    [ -n "$OUT" ] || { fail_row "no $TESTDLL under the test project's bin/Release"; continue; }
    FRAMEWORK=$(basename "$OUT")

    # weave: the library first, then the tests, into the sibling folder stm-woven
    WOVEN="$(dirname "$OUT")/stm-woven"
    inputs=()
    IFS=',' read -ra libs <<<"$LIBS"
    for l in "${libs[@]}"; do inputs+=("$OUT/$l"); done
    inputs+=("$OUT/$TESTDLL")
    t0=$(now)
    if ! dotnet "$STMWEAVE" "${inputs[@]}" -o "$WOVEN" >"$S/logs/weave.log" 2>&1; then
        tail -5 "$S/logs/weave.log" >&2
        fail_row "stmweave failed (logs/weave.log)"; continue
    fi
    WEAVE_S=$(elapsed "$t0" "$(now)")
    warnings=$(grep -c 'warning STM' "$S/logs/weave.log" || true)
    deps="$WOVEN/${TESTDLL%.dll}.deps.json"
    if grep -q '"Stm/' "$deps" 2>/dev/null; then deps_note="Stm registered in deps.json"
    else deps_note="**Stm not registered in ${TESTDLL%.dll}.deps.json**"; STATUS=1; fi
    echo "   wove ${inputs[*]##*/} in $WEAVE_S s ($warnings STM warnings); $deps_note" >&2

    # unwoven
    run_tests "$OUT" orig.trx "$S/logs/orig.log" ""
    ORIG_WALL=$RUN_WALL ORIG_STATE=$RUN_STATE
    read -r op of os ot <<<"$($TRX summary "$S/results/orig.trx")"
    echo "   unwoven: $op passed, $of failed, $os skipped of $ot in $ORIG_WALL s ($ORIG_STATE)" >&2
    [ "$ORIG_STATE" = aborted ] || [ "$ORIG_STATE" = timeout ] && { note+="unwoven run $ORIG_STATE; "; STATUS=1; }

    # woven (and woven with serial mode off)
    modes=(woven); [ "$SERIAL_OFF" = 1 ] && modes+=(woven-serial-off)
    for mode in "${modes[@]}"; do
        if [ "$mode" = woven ]; then run_woven woven; else run_woven woven-serial-off STM_SERIAL=0; fi
        crashed_args=(); for c in "${CRASHED[@]}"; do crashed_args+=(--crashed "$c"); done
        read -r ndiff nreg wp wf ws wt <<<"$($TRX compare "$S/results/orig.trx" "${WOVEN_FILES[@]}" "${crashed_args[@]}" --report "$S/report-$mode.txt")"
        ratio=$(awk -v a="$ORIG_WALL" -v b="$WOVEN_WALL" 'BEGIN { printf "%.2fx", (a > 0 ? b / a : 0) }')
        mnote="$note"
        [ "$WOVEN_STATE" != ok ] && mnote+="woven run $WOVEN_STATE; "
        [ ${#HUNG[@]} -gt 0 ] && mnote+="hung past HANG_TIMEOUT: ${HUNG[*]}; "
        [ ${#CRASHED[@]} -gt ${#HUNG[@]} ] && mnote+="host died running: ${CRASHED[*]}; "
        [ "$mode" = woven ] && mnote+="$FRAMEWORK, weave $WEAVE_S s, $warnings STM warnings, $deps_note"
        [ "$mode" != woven ] && mnote+="STM_SERIAL=0"
        label=$NAME; [ "$mode" != woven ] && label="$NAME (serial off)"
        TABLE+=$'\n'"| $label | $ot | $op/$of/$os | $wp/$wf/$ws | $ORIG_WALL | $WOVEN_WALL | $ratio | $nreg | $ndiff | $mnote |"
        echo "   $mode: $wp passed, $wf failed, $ws skipped of $wt in $WOVEN_WALL s ($WOVEN_STATE); $nreg regressions, $ndiff differences (report-$mode.txt)" >&2
        [ "$ndiff" != 0 ] || [ "$WOVEN_STATE" != ok ] && STATUS=1
        [ "$ndiff" != 0 ] && DETAILS+=("### $label ($REPOSITORY@${PIN:0:12})"$'\n\n```\n'"$(head -c 20000 "$S/report-$mode.txt")"$'\n```')
    done
done

{
    echo "# Library test suites, unwoven vs woven"
    echo
    echo "stmweave $COMMIT ($DIRTY uncommitted changes), $(date -u +%Y-%m-%d), $(nproc) cores, $(dotnet --version) SDK; HEAP_LIMIT=$HEAP_LIMIT, TEST_TIMEOUT=$TEST_TIMEOUT s, HANG_TIMEOUT=$HANG_TIMEOUT s"
    echo
    echo "$TABLE"
    echo
    for d in "${DETAILS[@]}"; do echo "$d"; echo; done
} >"$WORK/results.md"
echo
echo "$TABLE"
echo
echo "results: $WORK/results.md; per library: $WORK/NAME/{logs,results,report-*.txt}"
exit $STATUS
