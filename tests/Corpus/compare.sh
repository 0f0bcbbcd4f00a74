#!/usr/bin/env bash
# The shared corpus (../shared/corpus beside the repository), original vs woven, in one run:
# builds it with its own build.sh, weaves each program with this checkout's stmweave, then runs
# original and woven alternately RUNS times at 1 and 2 threads and prints, per program and thread
# count, the median of each program's own ms= (its parallel part), the ratio, and whether every
# woven run printed ok=True and the original's check=.
#   usage: tests/Corpus/compare.sh [WORK] (default /tmp/stm-corpus); RUNS=3 PROGRAMS="bank bst" THREADS="1 2" TIMEOUT=300
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$(cd "$repo/../shared/corpus" 2>/dev/null && pwd) || { echo "compare.sh: no corpus at $repo/../shared/corpus" >&2; exit 2; }
work=${1:-/tmp/stm-corpus}
runs=${RUNS:-3}
threads=${THREADS:-1 2}
limit=${TIMEOUT:-300}
mkdir -p "$work"
echo "== building stmweave (copy in $work/src) and the corpus"
rm -rf "$work/src" && mkdir -p "$work/src"
tar -C "$repo" --exclude=./.git --exclude=bin --exclude=obj --exclude=TestResults -cf - . | tar -C "$work/src" -xf -
dotnet build -c Release "$work/src/Cli" -nologo -v q > "$work/build.log"
stmweave="$work/src/Cli/bin/Release/net10.0/stmweave.dll"
bash "$corpus/build.sh" "$work/original" > "$work/corpus-build.log"
programs=${PROGRAMS:-$(cd "$work/original" && ls)}
for p in $programs; do
    rm -rf "$work/woven/$p"
    dotnet "$stmweave" "$work/original/$p/$p.dll" -o "$work/woven/$p" > "$work/weave-$p.log"
done

# One run: prints "ms ok check" of the RESULT line, or "timeout" / "failed".
run() {
    local line
    line=$(timeout "$limit" dotnet "$1" "$2" 1 2>/dev/null | tail -1) || { echo "failed"; return; }
    local result='^RESULT [^ ]+ ok=([A-Za-z]+) ms=([0-9]+) check=(.*)$'
    [[ $line =~ $result ]] || { echo "failed"; return; }
    echo "${BASH_REMATCH[2]} ${BASH_REMATCH[1]} ${BASH_REMATCH[3]}"
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(git -C "$repo" rev-parse --short HEAD), $runs runs each, alternating"
printf '| %-10s | %7s | %12s | %10s | %9s | %s |\n' program threads "original ms" "woven ms" "woven/orig" "woven correct"
printf '|%s|%s|%s|%s|%s|%s|\n' ------------ ---------: -------------: -----------: ----------: -------------
status=0
for p in $programs; do
    for t in $threads; do
        original=(); woven=(); correct=yes
        for ((i = 0; i < runs; i++)); do
            read -r ms ok check <<< "$(run "$work/original/$p/$p.dll" "$t")"
            original+=("$ms"); expected=$check
            read -r wms wok wcheck <<< "$(run "$work/woven/$p/$p.dll" "$t")"
            if [[ $wms == failed || $wok != True || $wcheck != "$expected" ]]; then correct="no ($wms $wok)"; status=1; else woven+=("$wms"); fi
        done
        o=$(median "${original[@]}")
        if ((${#woven[@]} > 0)); then w=$(median "${woven[@]}"); ratio=$(awk -v w="$w" -v o="$o" 'BEGIN {printf "%.2f", (o > 0) ? w / o : 0}'); else w=-; ratio=-; fi
        printf '| %-10s | %7s | %12s | %10s | %9s | %s |\n' "$p" "$t" "$o" "$w" "$ratio" "$correct"
    done
done
exit $status
