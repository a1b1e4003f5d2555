#!/usr/bin/env bash
# Monte Carlo cost for one deal: 50 work items over 5 teams, 10,000 trials,
# against the same deal checked deterministically (--trials 0), in one run.
# Usage: bash bench/montecarlo.sh   (RUNS=N to change the repeat count)
set -euo pipefail
RUNS=${RUNS:-7}
source "$(dirname "$0")/lib.sh"
cargo build --release --quiet
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fifty_item_deal "$dir" 2027-05-28
time_ms() {
    wall_ms "$BIN" check "$dir/deal.toml" --catalog "$dir/catalog.toml" --format json --fail-on never "$@"
}
det=$(time_ms --trials 0)
mc=$(time_ms --trials 10000)
echo "| run | wall ms (median of $RUNS) |"
echo "|---|---:|"
echo "| --trials 0 (deterministic) | $det |"
echo "| --trials 10000 | $mc |"
echo "Monte Carlo cost: $((mc - det)) ms; ratio to deterministic: $(awk -v a="$mc" -v b="$det" 'BEGIN {printf "%.2f", a / (b > 0 ? b : 1)}')"
