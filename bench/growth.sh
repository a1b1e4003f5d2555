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

RUNS=${RUNS:-3}
source "$(dirname "$0")/lib.sh"
OUT=bench/out/growth
GEN=$TARGET/release/examples/gen_growth
# Exit 1 and 2 are answers (located-errors and duplicate-teams exit 2);
# anything else (a panic, a kill) aborts the benchmark.
OK_EXIT=2

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

echo "== building release" >&2
cargo build --release --bin dealcheck --example gen_growth >&2

check_once() {
    bench "$1-$2" "$BIN" check "$3/deal.toml" --catalog "$3/catalog.toml" \
        --as-of "$AS_OF" --trials 0 --format json
}
each_growth_input check_once

echo
echo "### dealcheck growth benchmark ($(date -u +%Y-%m-%d), $(nproc) CPUs, median of $RUNS)"
echo
echo "| case | N | time N | time 4N | time ×(4N/N) | peak RSS N | peak RSS 4N | RSS ×(4N/N) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for case in $CASES; do
    n=${SIZE[$case]}
    a=$case-$n
    b=$case-$((4 * n))
    echo "| $case | $n | ${TIME[$a]} s | ${TIME[$b]} s | $(ratio "${TIME[$b]}" "${TIME[$a]}" 1)" \
        "| ${MEM[$a]} MB | ${MEM[$b]} MB | $(ratio "${MEM[$b]}" "${MEM[$a]}" 1) |"
done
echo
echo "Linear growth gives a time ratio near 4 (less when start-up dominates);"
echo "quadratic, near 16."
