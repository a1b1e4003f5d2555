#!/usr/bin/env bash
# Monte Carlo cost for one deal: 50 work items over 5 teams, 10,000 trials,
# against the same deal checked deterministically (--trials 0), in one run.
# Usage: bash bench/montecarlo.sh   (RUNS=N to change the repeat count)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}
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
  printf '[deal]\nid = "BENCH"\nstart = 2027-01-04\ndeadline = 2027-05-28\n'
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
    "$bin" check "$dir/deal.toml" --catalog "$dir/catalog.toml" --format json --fail-on never "$@" > /dev/null
    e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
  done | median
}
det=$(time_ms --trials 0)
mc=$(time_ms --trials 10000)
echo "| run | wall ms (median of $runs) |"
echo "|---|---:|"
echo "| --trials 0 (deterministic) | $det |"
echo "| --trials 10000 | $mc |"
echo "Monte Carlo cost: $((mc - det)) ms; ratio to deterministic: $(awk -v a="$mc" -v b="$det" 'BEGIN {printf "%.2f", a / (b > 0 ? b : 1)}')"
