#!/usr/bin/env bash
# Weaves real NuGet libraries with stmweave and force-compiles every method of the original and of
# the woven library (tests/WovenRunner `prepare`), then runs two drivers that use libraries the way
# reported deadlocks did. Results: a table on standard output and in WORK/results.md (docs/libraries.md
# records a run).
#
#   tests/Libraries/run.sh [WORK]          WORK defaults to /tmp/stm-libraries (created; the previous run's results are replaced)
#
# Environment:
#   LIBS="Markdig Jint"     only these assemblies (names as in the third column of libraries.tsv)
#   SKIP_LIBRARIES=1        only the drivers;   SKIP_DRIVERS=1   only the libraries
#   PREPARE_TIMEOUT=900     seconds per `prepare` run;   DRIVER_TIMEOUT=60   seconds per driver run
#   MAX_EXCLUDES=6          how many types a crashing weave may exclude (--exclude) before giving up on the library
#
# Needs only the .NET SDK and the NuGet feed: it builds stmweave and the runner from a copy of this
# checkout under WORK/src (never inside the repository), restores the packages listed in
# libraries.tsv into WORK/orig (a generated project, `dotnet publish`: each library with its
# dependencies beside it), copies that folder to WORK/woven and weaves each listed assembly there in
# place, in the order listed (a library after its dependencies, so that its calls into them are calls
# into woven code). The criterion per library: the weaver does not fail, and the woven library has no
# JIT failure that the original does not have (compared by method; WORK/logs/ASM.new-failures.txt).
# Exit code: 0 when every library meets it, 1 otherwise (the drivers' hangs are reported, not counted).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${1:-/tmp/stm-libraries}
mkdir -p "$WORK" && WORK=$(cd "$WORK" && pwd)
PREPARE_TIMEOUT=${PREPARE_TIMEOUT:-900}
DRIVER_TIMEOUT=${DRIVER_TIMEOUT:-60}
MAX_EXCLUDES=${MAX_EXCLUDES:-6}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

case "$WORK" in "$REPO"|"$REPO"/*) echo "run.sh: WORK must be outside the repository ($REPO)" >&2; exit 2;; esac

say() { printf '\n== %s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
die() { echo "run.sh: $*" >&2; exit 2; }

# ---------------------------------------------------------------- tools: stmweave and the runner
say "building stmweave and the runner from $REPO (copy in $WORK/src)"
rm -rf "$WORK/src" && mkdir -p "$WORK/src"
tar -C "$REPO" --exclude=./.git --exclude=bin --exclude=obj --exclude=TestResults --exclude=BenchmarkDotNet.Artifacts -cf - . | tar -C "$WORK/src" -xf - || die "copying the checkout failed"
dotnet build -c Release -nologo -v q "$WORK/src/Cli/Stm.Weave.Tool.csproj" >"$WORK/build-cli.log" 2>&1 || { tail -30 "$WORK/build-cli.log"; die "building Cli failed"; }
dotnet build -c Release -nologo -v q "$WORK/src/tests/WovenRunner/Stm.WovenRunner.csproj" >"$WORK/build-runner.log" 2>&1 || { tail -30 "$WORK/build-runner.log"; die "building the runner failed"; }
STMWEAVE="$WORK/src/Cli/bin/Release/net10.0/stmweave.dll"
RUNNER="$WORK/src/tests/WovenRunner/bin/Release/net10.0/Stm.WovenRunner.dll"
[ -f "$STMWEAVE" ] && [ -f "$RUNNER" ] || die "stmweave or the runner is missing after the build"
COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git -C "$REPO" status --porcelain 2>/dev/null | grep -c . || true)

# Library rows: package, version, assembly, kind.
mapfile -t ROWS < <(grep -v '^#' "$HERE/libraries.tsv" | grep -v '^[[:space:]]*$')
version_of() { for row in "${ROWS[@]}"; do IFS=$'\t' read -r p v _ _ <<<"$row"; [ "$p" = "$1" ] && { echo "$v"; return; }; done; }

# ---------------------------------------------------------------- restore
restore() {   # restore DIR OUT: a console project referencing every package of libraries.tsv, published to OUT
    local dir=$1 out=$2
    rm -rf "$dir" "$out" && mkdir -p "$dir"
    {
        echo '<Project Sdk="Microsoft.NET.Sdk">'
        echo '  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings>'
        echo '    <NoWarn>$(NoWarn);NU1603;NU1701;NU1900;NU1901;NU1902;NU1903;NU1904</NoWarn></PropertyGroup>'
        echo '  <ItemGroup>'
        for row in "${ROWS[@]}"; do IFS=$'\t' read -r p v _ _ <<<"$row"; echo "    <PackageReference Include=\"$p\" Version=\"$v\" />"; done | sort -u
        echo '  </ItemGroup>'
        echo '</Project>'
    } >"$dir/Libraries.csproj"
    echo 'System.Console.WriteLine("only restores the libraries");' >"$dir/Program.cs"
    dotnet publish -c Release -nologo -v q "$dir/Libraries.csproj" -o "$out" >"$dir/publish.log" 2>&1 || { tail -30 "$dir/publish.log"; die "restoring the libraries failed"; }
}

# ---------------------------------------------------------------- per library
prepare() {   # prepare DLL OUT: the runner's `prepare` output in OUT; prints "methods jit-failures not-instantiated status jit-ms slowest-method-ms"
    local dll=$1 out=$2 rc
    timeout "$PREPARE_TIMEOUT" dotnet "$RUNNER" prepare "$dll" >"$out" 2>"$out.stderr"
    rc=$?
    local prepared failed jit times
    prepared=$(awk -F'\t' '$1 == "prepared" { print $2 }' "$out")
    failed=$(grep -c '^FAILED' "$out" || true)
    jit=$(jit_failures "$out" | grep -c . || true)
    times=$(awk -F'\t' '$1 == "jit" { print $2, $3 }' "$out")
    if [ "$rc" -eq 124 ]; then echo "- $jit $((failed - jit)) timeout - -"
    elif [ "$rc" -ne 0 ] || [ -z "$prepared" ]; then echo "- $jit $((failed - jit)) crash(rc=$rc) - -"
    else echo "$((prepared + failed)) $jit $((failed - jit)) ok ${times:-- -}"; fi
}

# A FAILED line whose exception says a type argument "violates the constraint" is a method the runner
# found no instantiation for (it was not compiled at all); every other FAILED line is a JIT failure.
jit_failures() { awk -F'\t' '$1 == "FAILED" && $3 !~ /violates the constraint/ { print $2 }' "$1" | sort -u; }
not_instantiated() { awk -F'\t' '$1 == "FAILED" && $3 ~ /violates the constraint/ { print $2 }' "$1" | sort -u; }

# new_failures ORIGINAL WOVEN: methods that fail to compile only woven, and methods the runner could not
# instantiate only woven in a type whose every method it could instantiate originally (the weaver's own
# accessors and twins in a type the runner cannot instantiate are not failures).
new_failures() {
    comm -13 <(jit_failures "$1") <(jit_failures "$2")
    local types
    types=$(not_instantiated "$1" | sed 's/::.*//' | sort -u)
    comm -13 <(not_instantiated "$1") <(not_instantiated "$2") | while IFS= read -r m; do
        grep -qxF -- "${m%%::*}" <<<"$types" || echo "$m"
    done
}

weave_library() {   # weave_library ASM: weaves WORK/woven/ASM.dll in place; sets WEAVE_S, WEAVE_STATUS, EXCLUDED, WARNINGS
    local asm=$1 log="$WORK/logs/$asm.weave.txt" start end rc type
    local -a excludes=()
    EXCLUDED=""
    : >"$log"
    while :; do
        start=$(now)
        (cd "$WORK" && dotnet "$STMWEAVE" "woven/$asm.dll" "${excludes[@]}") >>"$log" 2>&1
        rc=$?
        end=$(now)
        WEAVE_S=$(elapsed "$start" "$end")
        if [ "$rc" -eq 0 ]; then WEAVE_STATUS=ok; break; fi
        # STM0026 names the method the weaver failed on: exclude its type and weave the rest.
        type=$(grep -o 'the weaver failed on [^ ]* [^ ]*::' "$log" | tail -1 | sed -e 's/^the weaver failed on [^ ]* //' -e 's/::$//' -e 's#/#.#g')
        if [ -n "$type" ] && [ "${#excludes[@]}" -lt $((MAX_EXCLUDES * 2)) ] && [[ " ${excludes[*]} " != *" $type "* ]]; then
            excludes+=(--exclude "$type")
            EXCLUDED="$EXCLUDED $type"
            echo "run.sh: retrying with --exclude $type" >>"$log"
            continue
        fi
        WEAVE_STATUS="failed(rc=$rc)"
        break
    done
    WARNINGS=$(grep -o 'warning STM[0-9]*' "$log" | sort | uniq -c | awk '{ printf "%s%s×%s", sep, $3, $1; sep=", " }')
}

run_libraries() {
    say "restoring ${#ROWS[@]} libraries into $WORK/orig"
    restore "$WORK/restore" "$WORK/orig"
    rm -rf "$WORK/woven" "$WORK/logs" && cp -r "$WORK/orig" "$WORK/woven" && mkdir -p "$WORK/logs"
    printf 'library\tassembly\tversion\tkind\tmethods\twoven_methods\tweave_s\tbytes\twoven_bytes\tgrowth\tjit_fail_original\tjit_fail_woven\tnew_failures\tjit_ms\twoven_jit_ms\tslowest_ms\twoven_slowest_ms\tstatus\tnotes\n' >"$WORK/results.tsv"
    ALL_OK=1
    for row in "${ROWS[@]}"; do
        IFS=$'\t' read -r package version asm kind <<<"$row"
        [ "$asm" = - ] && continue
        if [ -n "${LIBS:-}" ] && [[ " $LIBS " != *" $asm "* ]]; then continue; fi
        say "$asm $version ($kind)"
        local orig="$WORK/orig/$asm.dll" woven="$WORK/woven/$asm.dll" notes="" status=pass
        if [ ! -f "$orig" ]; then
            printf '%s\t%s\t%s\t%s\t-\t-\t-\t-\t-\t-\t-\t-\t-\tmissing\t%s.dll not in the publish folder\n' "$package" "$asm" "$version" "$kind" "$asm" >>"$WORK/results.tsv"
            ALL_OK=0; continue
        fi
        weave_library "$asm"
        [ -n "$EXCLUDED" ] && { notes="weaver failed (STM0026) on:$EXCLUDED; woven with --exclude;"; status=FINDING; }
        [ -n "$WARNINGS" ] && notes="$notes warnings $WARNINGS;"
        read -r methods ofail oinst ostatus ojit oslowest < <(prepare "$orig" "$WORK/logs/$asm.original.prepare.txt")
        local wmethods="-" wfail="-" winst="-" wstatus="not woven" new="-" bytes wbytes="-" growth="-" wjit="-" wslowest="-"
        bytes=$(stat -c %s "$orig")
        if [ "$WEAVE_STATUS" = ok ]; then
            wbytes=$(stat -c %s "$woven")
            growth=$(awk -v a="$bytes" -v b="$wbytes" 'BEGIN { printf "%.2f", b / a }')
            read -r wmethods wfail winst wstatus wjit wslowest < <(prepare "$woven" "$WORK/logs/$asm.woven.prepare.txt")
            new_failures "$WORK/logs/$asm.original.prepare.txt" "$WORK/logs/$asm.woven.prepare.txt" >"$WORK/logs/$asm.new-failures.txt"
            new=$(grep -c . "$WORK/logs/$asm.new-failures.txt" || true)
            if [ "$new" -gt 0 ]; then
                status=FINDING
                notes="$notes $new methods fail to compile only woven (logs/$asm.new-failures.txt): $(awk -F'\t' 'NR == FNR { new[$0] = 1; next } $1 == "FAILED" && ($2 in new) { print $3 }' "$WORK/logs/$asm.new-failures.txt" "$WORK/logs/$asm.woven.prepare.txt" | sed 's/:.*//' | sort | uniq -c | awk '{ printf "%s%s×%s", sep, $2, $1; sep=", " }');"
            fi
            [ "$wstatus" != ok ] && { status=FINDING; notes="$notes woven prepare: $wstatus (logs/$asm.woven.prepare.txt.stderr);"; }
        else
            status=FINDING
            notes="$notes weaving failed: $(grep -m1 'error STM' "$WORK/logs/$asm.weave.txt" | cut -c1-300);"
        fi
        [ "$ostatus" != ok ] && notes="$notes original prepare: $ostatus;"
        [ "$oinst" != 0 ] && notes="$notes not instantiated by the runner: $oinst original, $winst woven;"
        [ "$status" = pass ] || ALL_OK=0
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$package" "$asm" "$version" "$kind" "$methods" "$wmethods" "$WEAVE_S" "$bytes" "$wbytes" "$growth" "$ofail" "$wfail" "$new" "$ojit" "$wjit" "$oslowest" "$wslowest" "$status" "${notes# }" >>"$WORK/results.tsv"
        printf '   methods %s (woven %s), weave %ss, %s -> %s bytes (x%s), JIT failures %s/%s, new %s, JIT %s -> %s ms (slowest method %s -> %s ms): %s\n' "$methods" "$wmethods" "$WEAVE_S" "$bytes" "$wbytes" "$growth" "$ofail" "$wfail" "$new" "$ojit" "$wjit" "$oslowest" "$wslowest" "$status" >&2
    done
}

# ---------------------------------------------------------------- drivers
# run_driver NAME LIBRARY-ASSEMBLY VERSION-PROPERTY PACKAGE RUNS: builds the driver, weaves the library
# (into woven/, a copy of the folder) and then the driver in place beside it, runs the original once
# and the woven one RUNS times under DRIVER_TIMEOUT; a run that does not finish gets its stacks taken.
run_driver() {
    local name=$1 lib=$2 property=$3 package=$4 runs=$5 dir="$WORK/drivers/$1"
    say "driver $name ($package $(version_of "$package"))"
    rm -rf "$dir" && mkdir -p "$dir" && cp -r "$HERE/drivers/$name" "$dir/src"
    dotnet publish -c Release -nologo -v q "$dir/src/$name.csproj" "-p:$property=$(version_of "$package")" -o "$dir/orig" >"$dir/build.log" 2>&1 || { tail -20 "$dir/build.log"; echo "$name: build failed" >>"$WORK/drivers.txt"; return; }
    if ! { dotnet "$STMWEAVE" "$dir/orig/$lib.dll" -o "$dir/woven" && dotnet "$STMWEAVE" "$dir/woven/$name.dll"; } >"$dir/weave.log" 2>&1; then
        echo "$name: weaving failed: $(grep -m1 'error' "$dir/weave.log")" | tee -a "$WORK/drivers.txt" >&2; return
    fi
    local expected
    expected=$(timeout "$DRIVER_TIMEOUT" dotnet "$dir/orig/$name.dll" 2>&1)
    echo "$name original: $expected" | tee -a "$WORK/drivers.txt" >&2
    for i in $(seq 1 "$runs"); do
        local out="$dir/woven-run$i.txt" start pid waited=0 verdict
        start=$(now)
        dotnet "$dir/woven/$name.dll" >"$out" 2>&1 &
        pid=$!
        while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt "$DRIVER_TIMEOUT" ]; do sleep 1; waited=$((waited + 1)); done
        if kill -0 "$pid" 2>/dev/null; then
            verdict="HANG (still running after ${DRIVER_TIMEOUT}s; stacks in drivers/$name/stacks-run$i.txt)"
            if [ -x "$WORK/tools/dotnet-stack" ]; then "$WORK/tools/dotnet-stack" report -p "$pid" >"$dir/stacks-run$i.txt" 2>&1; else echo "dotnet-stack is not installed" >"$dir/stacks-run$i.txt"; fi
            kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
        else
            wait "$pid"
            local rc=$?
            if [ "$rc" -eq 0 ] && [ "$(cat "$out")" = "$expected" ]; then verdict="finished, same output"
            else verdict="finished (rc=$rc), DIFFERENT output: $(head -c 300 "$out")"; fi
        fi
        echo "$name woven run $i ($(elapsed "$start" "$(now)")s): $verdict" | tee -a "$WORK/drivers.txt" >&2
    done
}

run_drivers() {
    : >"$WORK/drivers.txt"
    # dotnet-stack (a dotnet tool from the feed) takes the stacks of a woven run that hangs.
    if [ ! -x "$WORK/tools/dotnet-stack" ]; then
        dotnet tool install --tool-path "$WORK/tools" dotnet-stack >"$WORK/tools-install.log" 2>&1 || echo "dotnet-stack did not install: hangs are reported without stacks" >&2
    fi
    run_driver MarkdigDriver Markdig MarkdigVersion Markdig 3
    run_driver MathNetDriver MathNet.Numerics MathNetVersion MathNet.Numerics 1
}

# ---------------------------------------------------------------- report
report() {
    {
        echo "stmweave $COMMIT$([ "${DIRTY:-0}" -gt 0 ] && echo " + $DIRTY uncommitted changes"), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(dotnet --version) SDK"
        echo
        if [ -f "$WORK/results.tsv" ] && [ -z "${SKIP_LIBRARIES:-}" ]; then
            echo "| library | version | kind | methods original → woven | weave | size original → woven | JIT failures original / woven | new | JIT time original → woven | slowest method original → woven | result | notes |"
            echo "|---|---|---|--:|--:|---|---|--:|--:|--:|---|---|"
            tail -n +2 "$WORK/results.tsv" | while IFS=$'\t' read -r p a v k m wm s b wb g of wf n oj wj os ws st no; do
                kb() { [ "$1" = - ] && echo - || awk -v x="$1" 'BEGIN { printf "%d KB", x / 1024 }'; }
                [ "$a" = "$p" ] && name=$p || name="$p ($a)"
                echo "| $name | $v | $k | $m → $wm | ${s}s | $(kb "$b") → $(kb "$wb") (×$g) | $of / $wf | $n | $oj → $wj ms | $os → $ws ms | $st | $no |"
            done
            echo
        fi
        if [ -s "$WORK/drivers.txt" ]; then
            echo "Drivers:"
            echo
            sed 's/^/    /' "$WORK/drivers.txt"
        fi
    } >"$WORK/results.md"
    say "results ($WORK/results.md)"
    cat "$WORK/results.md"
}

ALL_OK=1
[ -z "${SKIP_LIBRARIES:-}" ] && run_libraries
[ -z "${SKIP_DRIVERS:-}" ] && run_drivers
report
[ "$ALL_OK" -eq 1 ]
