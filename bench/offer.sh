#!/usr/bin/env bash
# Cost of `dealcheck offer` for one late deal of 50 work items over 5 teams
# (three-point estimates, default 10,000 Monte Carlo trials), as a ratio to
# `dealcheck check` of the same deal. An offer runs about one deterministic
# schedule per listed item plus one Monte Carlo per variant.
# Usage: bash bench/offer.sh   (RUNS=N to change the repeat count)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
target=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
bin="$target/release/dealcheck"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

{
  printf '[catalog]\nname = "Bench"\ntimezone = "UTC"\nbusiness_hours = "mon-fri 09:00-17:00"\n'
  for t in 1 2 3 4 5; do printf '[[team]]\nid = "team-%s"\npeople = 4\nfocus = 0.8\n' "$t"; done
} > "$dir/catalog.toml"
{
  # Late on purpose: the on-date variant has to phase items out.
  printf '[deal]\nid = "BENCH"\nstart = 2027-01-04\ndeadline = 2027-03-01\n'
  for i in $(seq 1 50); do
    t=$(( (i - 1) % 5 + 1 ))
    printf '[[custom]]\nname = "item-%s"\nteam = "team-%s"\nestimate = { low = %s, likely = %s, high = %s }\n' \
      "$i" "$t" $((2 + i % 3)) $((4 + i % 4)) $((9 + i % 5))
    if [ "$i" -gt 5 ]; then printf 'after = ["item-%s"]\n' $((i - 5)); fi
  done
} > "$dir/deal.toml"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {
  for _ in $(seq 1 "$runs"); do
    s=$(date +%s%N)
    "$bin" "$@" "$dir/deal.toml" --catalog "$dir/catalog.toml" --as-of 2026-11-27 --format json > /dev/null || true
    e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
  done | median
}
check=$(time_ms check --fail-on never)
offer=$(time_ms offer)
echo "| run | wall ms (median of $runs) |"
echo "|---|---:|"
echo "| check, 50 items, 10,000 trials | $check |"
echo "| offer, same deal | $offer |"
awk -v o="$offer" -v c="$check" 'BEGIN { printf "offer / check: %.1fx\n", o / c }'
