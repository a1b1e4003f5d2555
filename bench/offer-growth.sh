#!/usr/bin/env bash
# Growth benchmark of `dealcheck offer`: each case grows one dimension of
# the deal from N to 4N and prints time(4N) / time(N), for `offer` and, as
# the yardstick, `check` on the same files. An offer costs a bounded number
# of checks of the deal (each linear), so both ratios should be near 4;
# a quadratic offer gives near 16.
#
#   bench/offer-growth.sh                   # RUNS=3 (median of 3)
#   RUNS=1 bench/offer-growth.sh            # quicker
#   CASES="requires-chain" bench/offer-growth.sh
#
# Cases (examples/gen_growth.rs): `requires-chain` (N catalog features, each
# requiring the next; the deal lists the first), `after-chain` (N custom
# items, each after the one before), `listed-features` (N features with
# setup work, all listed, and one unknown id so the offer walks the list).
# Progress goes to stderr, the Markdown table to stdout.
set -euo pipefail

RUNS=${RUNS:-3}
source "$(dirname "$0")/lib.sh"
OUT=bench/out/offer-growth
GEN=$TARGET/release/examples/gen_growth

declare -A SIZE=(
    [requires-chain]=7500
    [after-chain]=5000
    [listed-features]=5000
)
CASES=${CASES:-requires-chain after-chain listed-features}

echo "== building release" >&2
cargo build --release --bin dealcheck --example gen_growth >&2

offer_and_check() {
    local cmd
    for cmd in offer check; do
        OK_EXIT=1 bench "$cmd-$1-$2" "$BIN" "$cmd" "$3/deal.toml" \
            --catalog "$3/catalog.toml" --as-of "$AS_OF" --format json
    done
}
each_growth_input offer_and_check

echo
echo "### dealcheck offer growth benchmark ($(date -u +%Y-%m-%d), $(nproc) CPUs, median of $RUNS)"
echo
echo "| case | N | offer N | offer 4N | offer ×(4N/N) | check N | check 4N | check ×(4N/N) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for case in $CASES; do
    n=${SIZE[$case]}
    o1=${TIME[offer-$case-$n]} o4=${TIME[offer-$case-$((4 * n))]}
    c1=${TIME[check-$case-$n]} c4=${TIME[check-$case-$((4 * n))]}
    echo "| $case | $n | $o1 s | $o4 s | $(ratio "$o4" "$o1" 1) | $c1 s | $c4 s | $(ratio "$c4" "$c1" 1) |"
done
echo
echo "Linear growth gives a time ratio near 4 (less when start-up dominates);"
echo "quadratic, near 16."
