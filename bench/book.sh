#!/usr/bin/env bash
# The book's costs issue 20 asks about, measured side by side in one run on
# a generated repo of 10,000 deals, a third of them signed (the book):
#   (a) parse floor (examples/parse_floor.rs): a single-threaded read and
#       `toml` parse of every file
#   (b) check DIR --format jsonl --trials 0 (the book read, planned and
#       reserved once, every deal checked in what it leaves)
#   (b0) the same with --alone (no book), to show what the book costs
#   (d) capacity DIR --format json (the book and every proposed deal booked
#       forward, per team and week)
# and prints (b)/(a) (≤ 2 asked) and (d)/(b) (≤ 2 asked).
#
#   bench/book.sh              # RUNS=3: median of 3 runs per figure
#   RUNS=1 DEALS=2000 bench/book.sh
set -euo pipefail

RUNS=${RUNS:-3}
SEED=${SEED:-42}
DEALS=${DEALS:-10000}
source "$(dirname "$0")/lib.sh"
OUT=bench/out

echo "== building release" >&2
cargo build --release --examples --bins >&2

mkdir -p "$OUT"
REPO="$OUT/book-$DEALS"
rm -rf "${REPO:?}"
"$GEN" "$REPO" --deals "$DEALS" --seed "$SEED" --shape issue --signed 0.33

CHECK=("$BIN" check --as-of "$AS_OF" --fail-on never --format jsonl --trials 0)
LOAD=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)
echo "== measuring (median of $RUNS; load average $LOAD)" >&2
bench a "$FLOOR" "$REPO/deals"
bench b "${CHECK[@]}" "$REPO/deals"
bench b0 "${CHECK[@]}" --alone "$REPO/deals"
bench d "$BIN" capacity --as-of "$AS_OF" --format json "$REPO/deals"
SIGNED=$(grep -rl 'status = "signed"' "$REPO/deals" | wc -l)

cell() { echo "${TIME[$1]} s | ${MEM[$1]} MB"; }
echo
echo "### the book ($(date -u +%Y-%m-%d), $(nproc) CPUs shared, load average $LOAD at start, median of $RUNS)"
echo
echo "$DEALS deals, $SIGNED signed."
echo
echo "| figure | wall | peak RSS |"
echo "|---|---:|---:|"
echo "| (a) parse floor | $(cell a) |"
echo "| (b) \`check --format jsonl --trials 0\` | $(cell b) |"
echo "| (b0) the same, \`--alone\` | $(cell b0) |"
echo "| (d) \`capacity --format json\` | $(cell d) |"
echo
echo "- (b)/(a) time: **$(ratio "${TIME[b]}" "${TIME[a]}")** (≤ 2 asked); without the book (b0)/(a): $(ratio "${TIME[b0]}" "${TIME[a]}")"
echo "- (d)/(b) time: **$(ratio "${TIME[d]}" "${TIME[b]}")** (≤ 2 asked)"
