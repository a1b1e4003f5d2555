#!/usr/bin/env bash
# Scale benchmark: how `dealcheck check` grows from 1,000 to 10,000 deals,
# against the floor of just parsing the same files. See bench/README.md.
#
#   bench/scale.sh            # RUNS=3 by default (median of 3)
#   RUNS=1 bench/scale.sh     # quicker
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
SIZES=(1000 10000)
SEED=${SEED:-42}
AS_OF=2026-11-27
TARGET=${CARGO_TARGET_DIR:-target}
OUT=bench/out
BIN=$TARGET/release/dealcheck
GEN=$TARGET/release/examples/gen_repo
FLOOR=$TARGET/release/examples/parse_floor
unset DEALCHECK_CATALOG # the catalog must be found next to the deals

# GNU time gives wall time and peak RSS; bash's `time` only wall time.
if [[ -x /usr/bin/time ]] && /usr/bin/time -f "%e %M" true 2>/dev/null; then
    HAVE_GNU_TIME=1
else
    HAVE_GNU_TIME=0
    echo "note: GNU time (/usr/bin/time) not found: peak memory unavailable" >&2
fi

echo "== building release" >&2
cargo build --release --examples --bins >&2

mkdir -p "$OUT"
for n in "${SIZES[@]}"; do
    rm -rf "${OUT:?}/repo-$n"
    "$GEN" "$OUT/repo-$n" --deals "$n" --seed "$SEED"
done

# measure CMD...: runs it once, prints "SECONDS KB" (KB is "-" without GNU
# time). Wall time is taken around the run in milliseconds (GNU time's %e has
# only centiseconds); peak RSS is GNU time's %M. Output goes to /dev/null; a
# non-zero exit aborts the benchmark.
measure() {
    local mem err t0 t1 kb=- status=0
    mem=$(mktemp)
    err=$(mktemp)
    t0=$(date +%s%N)
    if [[ $HAVE_GNU_TIME == 1 ]]; then
        /usr/bin/time -f "%M" -o "$mem" "$@" >/dev/null 2>"$err" || status=$?
    else
        "$@" >/dev/null 2>"$err" || status=$?
    fi
    t1=$(date +%s%N)
    if [[ $status != 0 ]]; then
        echo "failed (exit $status): $*" >&2
        cat "$err" >&2
        exit 1
    fi
    [[ $HAVE_GNU_TIME == 1 ]] && kb=$(tail -n 1 "$mem")
    rm -f "$mem" "$err"
    awk -v ns=$((t1 - t0)) -v kb="$kb" 'BEGIN { printf "%.3f %s\n", ns / 1e9, kb }'
}

# median of the numbers on stdin ("-" stays "-").
median() {
    sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# bench NAME CMD...: RUNS runs; sets TIME[NAME] (s) and MEM[NAME] (MB), medians.
declare -A TIME MEM
bench() {
    local name=$1 times="" kbs="" res s kb i
    shift
    for ((i = 0; i < RUNS; i++)); do
        res=$(measure "$@") # exits the script if the command fails
        read -r s kb <<<"$res"
        times+="$s"$'\n'
        kbs+="$kb"$'\n'
    done
    TIME[$name]=$(printf '%s' "$times" | median)
    kb=$(printf '%s' "$kbs" | median)
    if [[ $kb == "-" ]]; then
        MEM[$name]="n/a"
    else
        MEM[$name]=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
    fi
    echo "   $name: ${TIME[$name]}s, ${MEM[$name]} MB" >&2
}

for n in "${SIZES[@]}"; do
    deals=$OUT/repo-$n/deals
    echo "== $n deals (median of $RUNS)" >&2
    bench "a$n" "$FLOOR" "$deals"
    bench "b$n" "$BIN" check "$deals" --format jsonl --trials 0 --as-of "$AS_OF" --fail-on never
    bench "c$n" "$BIN" check "$deals" --format jsonl --as-of "$AS_OF" --fail-on never
done

# ratio X Y: X / Y to two decimals, "n/a" when either is missing or Y is 0.
ratio() {
    awk -v x="$1" -v y="$2" 'BEGIN {
        if (x == "n/a" || y == "n/a" || y + 0 == 0) print "n/a"; else printf "%.2f", x / y }'
}

# cell NAME: "1.234 s, 56.7 MB" for the table.
cell() {
    if [[ ${MEM[$1]} == n/a ]]; then
        echo "${TIME[$1]} s, memory n/a"
    else
        echo "${TIME[$1]} s, ${MEM[$1]} MB"
    fi
}

echo
echo "### dealcheck scale benchmark ($(date -u +%Y-%m-%d), $(nproc) CPUs, median of $RUNS)"
echo
echo "| deals | (a) parse floor | (b) check --trials 0 | (c) check, default trials | (b)/(a) time | (c)/(a) time |"
echo "|---:|---:|---:|---:|---:|---:|"
for n in "${SIZES[@]}"; do
    echo "| $n | $(cell "a$n") | $(cell "b$n") | $(cell "c$n") |" \
        "$(ratio "${TIME[b$n]}" "${TIME[a$n]}") | $(ratio "${TIME[c$n]}" "${TIME[a$n]}") |"
done
row="| 10k / 1k |"
for m in a b c; do
    row+=" time ×$(ratio "${TIME[${m}10000]}" "${TIME[${m}1000]}"),"
    row+=" memory ×$(ratio "${MEM[${m}10000]}" "${MEM[${m}1000]}") |"
done
echo "$row | |"
