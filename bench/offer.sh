#!/usr/bin/env bash
# Cost of `dealcheck offer` for one late deal of 50 work items over 5 teams
# (three-point estimates, default 10,000 Monte Carlo trials), as a ratio to
# `dealcheck check` of the same deal. An offer runs about one deterministic
# schedule per listed item plus one Monte Carlo per variant.
# Usage: bash bench/offer.sh   (RUNS=N to change the repeat count)
set -euo pipefail
RUNS=${RUNS:-5}
source "$(dirname "$0")/lib.sh"
cargo build --release --quiet
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# Late on purpose: the on-date variant has to phase items out.
fifty_item_deal "$dir" 2027-03-01
time_ms() {
    wall_ms "$BIN" "$@" "$dir/deal.toml" --catalog "$dir/catalog.toml" --as-of "$AS_OF" --format json
}
check=$(time_ms check --fail-on never)
offer=$(time_ms offer)
echo "| run | wall ms (median of $RUNS) |"
echo "|---|---:|"
echo "| check, 50 items, 10,000 trials | $check |"
echo "| offer, same deal | $offer |"
awk -v o="$offer" -v c="$check" 'BEGIN { printf "offer / check: %.1fx\n", o / c }'
