#!/usr/bin/env bash
# The ratios issue 12 asks about, measured in one run on generated repos
# (see bench/README.md):
#   (a)  parse floor (examples/parse_floor.rs) on 10,000 deals
#   (b)  check DIR --format jsonl --trials 0 on 10,000 deals
#   (b') the same on 1,000 deals
#   (c)  check DIR --format jsonl with the default trials on those 1,000
#   peak RSS at 10,000 vs 1,000 deals, in jsonl and in json (--trials 0)
# and prints (b)/(a), (c)/(b') and the memory ratios.
#
#   bench/ratios.sh            # RUNS=3: median of 3 runs per figure
#   RUNS=1 bench/ratios.sh     # quicker
#   SEED=7 bench/ratios.sh     # other synthetic data (default seed 42)
#
# The headline repos have the shape issue 12 describes (`gen_repo --shape
# issue`: three-point estimates on custom work only); (c) and (b') are also
# measured on the `scale` shape, where half the catalog's setup work is a
# three-point estimate too, so nearly every deal runs a simulation.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
SEED=${SEED:-42}
AS_OF=2026-11-27
TARGET=${CARGO_TARGET_DIR:-target}
OUT=bench/out
BIN=$TARGET/release/dealcheck
GEN=$TARGET/release/examples/gen_repo
FLOOR=$TARGET/release/examples/parse_floor
unset DEALCHECK_CATALOG # the catalog must be found next to the deals

# Peak memory: GNU time's %M, else the process's VmHWM polled from /proc.
if [[ -x /usr/bin/time ]] && /usr/bin/time -f "%M" true 2>/dev/null; then
    MEMORY=gnu-time
elif [[ -r /proc/self/status ]]; then
    MEMORY=proc
    echo "note: no GNU time (apt-get install time); polling VmHWM in /proc instead" >&2
else
    MEMORY=none
    echo "note: no GNU time and no /proc: peak memory unavailable" >&2
fi

echo "== building release" >&2
cargo build --release --examples --bins >&2

mkdir -p "$OUT"
gen() { # gen NAME DEALS SHAPE
    rm -rf "${OUT:?}/$1"
    "$GEN" "$OUT/$1" --deals "$2" --seed "$SEED" --shape "$3"
}
gen ratios-issue-10000 10000 issue
gen ratios-issue-1000 1000 issue
gen ratios-scale-1000 1000 scale

# measure CMD...: runs it once with stdout to /dev/null, prints "SECONDS KB"
# (KB "-" when unavailable); a non-zero exit aborts the benchmark.
measure() {
    local err t0 t1 kb=- status=0 mem pid v
    err=$(mktemp)
    t0=$(date +%s%N)
    case $MEMORY in
    gnu-time)
        mem=$(mktemp)
        /usr/bin/time -f "%M" -o "$mem" "$@" >/dev/null 2>"$err" || status=$?
        kb=$(tail -n 1 "$mem")
        rm -f "$mem"
        ;;
    proc)
        "$@" >/dev/null 2>"$err" &
        pid=$!
        kb=0
        while kill -0 "$pid" 2>/dev/null; do
            v=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
            [[ -n $v ]] && kb=$v
            sleep 0.01
        done
        wait "$pid" || status=$?
        ;;
    *) "$@" >/dev/null 2>"$err" || status=$? ;;
    esac
    t1=$(date +%s%N)
    if [[ $status != 0 ]]; then
        echo "failed (exit $status): $*" >&2
        cat "$err" >&2
        exit 1
    fi
    rm -f "$err"
    awk -v ns=$((t1 - t0)) -v kb="$kb" 'BEGIN { printf "%.3f %s\n", ns / 1e9, kb }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# bench NAME CMD...: RUNS runs; TIME[NAME] (s) and MEM[NAME] (MB), medians.
declare -A TIME MEM
bench() {
    local name=$1 times="" kbs="" res s kb i
    shift
    for ((i = 0; i < RUNS; i++)); do
        res=$(measure "$@")
        read -r s kb <<<"$res"
        times+="$s"$'\n'
        kbs+="$kb"$'\n'
    done
    TIME[$name]=$(printf '%s' "$times" | median)
    kb=$(printf '%s' "$kbs" | median)
    if [[ $kb == "-" ]]; then MEM[$name]="n/a"; else MEM[$name]=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }'); fi
    echo "   $name: ${TIME[$name]} s, ${MEM[$name]} MB" >&2
}

# The check command (GNU time needs a program, not a shell function).
CHECK=("$BIN" check --as-of "$AS_OF" --fail-on never)
deals() { echo "$OUT/$1/deals"; }

LOAD=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)
echo "== measuring (median of $RUNS; load average $LOAD)" >&2
bench a "$FLOOR" "$OUT/ratios-issue-10000/deals"
bench b "${CHECK[@]}" "$(deals ratios-issue-10000)" --format jsonl --trials 0
bench b1 "${CHECK[@]}" "$(deals ratios-issue-1000)" --format jsonl --trials 0
bench c "${CHECK[@]}" "$(deals ratios-issue-1000)" --format jsonl
bench b1s "${CHECK[@]}" "$(deals ratios-scale-1000)" --format jsonl --trials 0
bench cs "${CHECK[@]}" "$(deals ratios-scale-1000)" --format jsonl
bench json10 "${CHECK[@]}" "$(deals ratios-issue-10000)" --format json --trials 0
bench json1 "${CHECK[@]}" "$(deals ratios-issue-1000)" --format json --trials 0

# trials REPO: "T trials in D deals (mean M, max X)" from one untimed run.
trials() {
    "${CHECK[@]}" "$(deals "$1")" --format jsonl | grep -o '"trials":[0-9]*' | cut -d: -f2 |
        awk '$1 > 0 { n++; t += $1; if ($1 > m) m = $1 }
             END { printf "%d trials over %d deals with a simulation (mean %.0f, max %d)", t, n, n ? t / n : 0, m }'
}
TRIALS_ISSUE=$(trials ratios-issue-1000)
TRIALS_SCALE=$(trials ratios-scale-1000)

ratio() {
    awk -v x="$1" -v y="$2" 'BEGIN {
        if (x == "n/a" || y == "n/a" || y + 0 == 0) print "n/a"; else printf "%.2f", x / y }'
}
cell() { echo "${TIME[$1]} s | ${MEM[$1]} MB"; }

echo
echo "### dealcheck ratios ($(date -u +%Y-%m-%d), $(nproc) CPUs shared, load average $LOAD at start, median of $RUNS)"
echo
echo "| figure | deals | wall | peak RSS |"
echo "|---|---:|---:|---:|"
echo "| (a) parse floor | 10,000 | $(cell a) |"
echo "| (b) \`check --format jsonl --trials 0\` | 10,000 | $(cell b) |"
echo "| (b') \`check --format jsonl --trials 0\` | 1,000 | $(cell b1) |"
echo "| (c) \`check --format jsonl\`, default trials | 1,000 | $(cell c) |"
echo "| (b') scale shape | 1,000 | $(cell b1s) |"
echo "| (c) scale shape | 1,000 | $(cell cs) |"
echo "| \`check --format json --trials 0\` | 10,000 | $(cell json10) |"
echo "| \`check --format json --trials 0\` | 1,000 | $(cell json1) |"
echo
echo "- (b)/(a) time: **$(ratio "${TIME[b]}" "${TIME[a]}")**"
echo "- (c)/(b') time: **$(ratio "${TIME[c]}" "${TIME[b1]}")** (issue shape: $TRIALS_ISSUE)"
echo "- (c)/(b') time, scale shape: **$(ratio "${TIME[cs]}" "${TIME[b1s]}")** ($TRIALS_SCALE)"
echo "- peak RSS 10,000 / 1,000 deals: jsonl **$(ratio "${MEM[b]}" "${MEM[b1]}")**, json **$(ratio "${MEM[json10]}" "${MEM[json1]}")**"
