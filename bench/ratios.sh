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

RUNS=${RUNS:-3}
SEED=${SEED:-42}
source "$(dirname "$0")/lib.sh"
OUT=bench/out

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
