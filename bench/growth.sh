#!/usr/bin/env bash
# Growth benchmark: each case grows one dimension of the input from N to 4N
# and prints time(4N) / time(N). Linear cost gives a ratio near 4; quadratic,
# near 16. Peak memory (RSS) ratios too, when GNU time is available.
#
#   bench/growth.sh                 # RUNS=3 (median of 3)
#   RUNS=1 bench/growth.sh          # quicker
#   CASES="after-chain" bench/growth.sh
#
# Progress goes to stderr, the Markdown table to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
TARGET=${CARGO_TARGET_DIR:-target}
OUT=bench/out/growth
BIN=$TARGET/release/dealcheck
GEN=$TARGET/release/examples/gen_growth
AS_OF=2026-11-27
unset DEALCHECK_CATALOG

# case:N (4N is run too)
declare -A SIZE=(
    [unused-features]=8000
    [after-chain]=2000
    [unknown-features]=20000
    [requires-chain]=7500
    [located-errors]=2000
    [duplicate-teams]=1250
    [comment-prefix]=200
)
ALL="unused-features after-chain unknown-features requires-chain located-errors duplicate-teams comment-prefix"
CASES=${CASES:-$ALL}

if [[ -x /usr/bin/time ]] && /usr/bin/time -f "%M" true 2>/dev/null; then
    HAVE_GNU_TIME=1
else
    HAVE_GNU_TIME=0
    echo "note: GNU time (/usr/bin/time) not found: peak memory unavailable" >&2
fi

echo "== building release" >&2
cargo build --release --bin dealcheck --example gen_growth >&2

# measure DIR: one run of `dealcheck check` on DIR's deal; prints "SECONDS KB".
# Exit 0, 1 and 2 are answers (located-errors and duplicate-teams exit 2);
# anything else (a panic, a kill) aborts the benchmark.
measure() {
    local dir=$1 mem err t0 t1 kb=- status=0
    mem=$(mktemp)
    err=$(mktemp)
    local cmd=("$BIN" check "$dir/deal.toml" --catalog "$dir/catalog.toml"
        --as-of "$AS_OF" --trials 0 --format json)
    t0=$(date +%s%N)
    if [[ $HAVE_GNU_TIME == 1 ]]; then
        /usr/bin/time -f "%M" -o "$mem" "${cmd[@]}" >/dev/null 2>"$err" || status=$?
    else
        "${cmd[@]}" >/dev/null 2>"$err" || status=$?
    fi
    t1=$(date +%s%N)
    if ((status > 2)); then
        echo "failed (exit $status): ${cmd[*]}" >&2
        tail -n 20 "$err" >&2
        exit 1
    fi
    [[ $HAVE_GNU_TIME == 1 ]] && kb=$(tail -n 1 "$mem")
    rm -f "$mem" "$err"
    awk -v ns=$((t1 - t0)) -v kb="$kb" 'BEGIN { printf "%.3f %s\n", ns / 1e9, kb }'
}

median() {
    sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

ratio() {
    awk -v x="$1" -v y="$2" 'BEGIN {
        if (x == "-" || y == "-" || y + 0 == 0) print "n/a"; else printf "%.1f", x / y }'
}

declare -A TIME MEM
for case in $CASES; do
    n=${SIZE[$case]:?unknown case $case}
    for size in "$n" $((4 * n)); do
        dir=$OUT/$case-$size
        rm -rf "$dir"
        "$GEN" "$case" "$size" "$dir"
        times="" kbs=""
        for ((i = 0; i < RUNS; i++)); do
            read -r s kb <<<"$(measure "$dir")"
            times+="$s"$'\n'
            kbs+="$kb"$'\n'
        done
        TIME[$case-$size]=$(printf '%s' "$times" | median)
        MEM[$case-$size]=$(printf '%s' "$kbs" | median)
        echo "   $case N=$size: ${TIME[$case-$size]} s, ${MEM[$case-$size]} KB" >&2
    done
done

echo
echo "### dealcheck growth benchmark ($(date -u +%Y-%m-%d), $(nproc) CPUs, median of $RUNS)"
echo
echo "| case | N | time N | time 4N | time ×(4N/N) | peak RSS N | peak RSS 4N | RSS ×(4N/N) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for case in $CASES; do
    n=${SIZE[$case]}
    a=$case-$n
    b=$case-$((4 * n))
    mb() { [[ $1 == - ]] && echo "n/a" || awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }
    echo "| $case | $n | ${TIME[$a]} s | ${TIME[$b]} s | $(ratio "${TIME[$b]}" "${TIME[$a]}")" \
        "| $(mb "${MEM[$a]}") | $(mb "${MEM[$b]}") | $(ratio "${MEM[$b]}" "${MEM[$a]}") |"
done
echo
echo "Linear growth gives a time ratio near 4 (less when start-up dominates);"
echo "quadratic, near 16."
