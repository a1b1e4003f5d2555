#!/usr/bin/env bash
# The offer's bounds issue 23 asks about, measured side by side in one run
# on generated repos of 1,000 and 10,000 deals, a third of them signed (the
# book), in the `issue` shape:
#   (c)  check DIR --format jsonl, default trials, on the 1,000 deals
#   (o)  offer DIR (default format, human) on the same 1,000 deals
#   (oj) offer DIR --format json on them
#   peak RSS of offer at 1,000 and at 10,000 deals in every format that
#   renders a run of many deals (human, json, html; toml writes exactly one
#   deal file and refuses a folder), and the ratio per format
#   beside them at 10,000: check --format jsonl --trials 0 (the book and a
#   check per deal) and offer --format json --alone (no book), to tell how
#   much of the offer's peak is the book
# and prints (o)/(c) and (oj)/(c) (≤ 2 asked) and the memory ratios (≤ 1.5
# asked).
#
#   bench/offer-scale.sh            # RUNS=3: median of 3 runs per figure
#   RUNS=1 bench/offer-scale.sh     # quicker
#   SEED=7 bench/offer-scale.sh     # other synthetic data (default seed 42)
set -euo pipefail

RUNS=${RUNS:-3}
SEED=${SEED:-42}
source "$(dirname "$0")/lib.sh"
OUT=bench/out

echo "== building release" >&2
cargo build --release --examples --bins >&2

mkdir -p "$OUT"
gen() { # gen DEALS
    rm -rf "${OUT:?}/offer-$1"
    "$GEN" "$OUT/offer-$1" --deals "$1" --seed "$SEED" --shape issue --signed 0.33
}
gen 1000
gen 10000
deals() { echo "$OUT/offer-$1/deals"; }

# The commands (GNU time needs a program, not a shell function).
CHECK=("$BIN" check --as-of "$AS_OF" --fail-on never)
OFFER=("$BIN" offer --as-of "$AS_OF")
FORMATS="human json html"

# toml writes one deal file: said here, not measured.
if "${OFFER[@]}" "$(deals 1000)" --format toml >/dev/null 2>&1; then
    echo "note: offer --format toml accepted a folder of deals" >&2
fi

LOAD=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)
echo "== measuring (median of $RUNS; load average $LOAD)" >&2
# The time ratio: (c), (o) and (oj) in turns, so a change in the load
# falls on all three; wall and CPU (user + system, what the load changes
# least) per run, medians.
declare -A CPU
interleaved() {
    local i name out
    declare -A W C
    out=$(mktemp)
    for ((i = 0; i < RUNS; i++)); do
        for name in c o oj; do
            case $name in
            c) /usr/bin/time -f "%e %U %S" -o "$out" "${CHECK[@]}" "$(deals 1000)" --format jsonl >/dev/null ;;
            o) /usr/bin/time -f "%e %U %S" -o "$out" "${OFFER[@]}" "$(deals 1000)" >/dev/null ;;
            oj) /usr/bin/time -f "%e %U %S" -o "$out" "${OFFER[@]}" "$(deals 1000)" --format json >/dev/null ;;
            esac
            W[$name]+="$(awk '{ print $1 }' "$out")"$'\n'
            C[$name]+="$(awk '{ printf "%.2f\n", $2 + $3 }' "$out")"$'\n'
        done
    done
    rm -f "$out"
    for name in c o oj; do
        TIME[$name]=$(printf '%s' "${W[$name]}" | median)
        CPU[$name]=$(printf '%s' "${C[$name]}" | median)
        echo "   $name: ${TIME[$name]} s wall, ${CPU[$name]} s CPU" >&2
    done
}
if [[ $MEMORY == gnu-time ]]; then
    interleaved
else
    bench c "${CHECK[@]}" "$(deals 1000)" --format jsonl
    bench o "${OFFER[@]}" "$(deals 1000)"
    bench oj "${OFFER[@]}" "$(deals 1000)" --format json
    CPU=([c]=n/a [o]=n/a [oj]=n/a)
fi
for f in $FORMATS; do
    bench "m1-$f" "${OFFER[@]}" "$(deals 1000)" --format "$f"
    bench "m10-$f" "${OFFER[@]}" "$(deals 10000)" --format "$f"
done
bench b10 "${CHECK[@]}" "$(deals 10000)" --format jsonl --trials 0
bench b1 "${CHECK[@]}" "$(deals 1000)" --format jsonl --trials 0
bench a10 "${OFFER[@]}" "$(deals 10000)" --format json --alone
bench a1 "${OFFER[@]}" "$(deals 1000)" --format json --alone
SIGNED1=$(grep -rl 'status = "signed"' "$(deals 1000)" | wc -l)
SIGNED10=$(grep -rl 'status = "signed"' "$(deals 10000)" | wc -l)

cell() { echo "${TIME[$1]} s | ${MEM[$1]} MB"; }
tcell() { echo "${TIME[$1]} s wall, ${CPU[$1]} s CPU | see below"; }
echo
echo "### the offer at repo scale ($(date -u +%Y-%m-%d), $(nproc) CPUs shared, load average $LOAD at start, median of $RUNS)"
echo
echo "1,000 deals ($SIGNED1 signed) and 10,000 deals ($SIGNED10 signed), \`gen_repo --shape issue --signed 0.33 --seed $SEED\`."
echo
echo "| figure | deals | time | peak RSS |"
echo "|---|---:|---:|---:|"
echo "| (c) \`check --format jsonl\`, default trials | 1,000 | $(tcell c) |"
echo "| (o) \`offer\` (human) | 1,000 | $(tcell o) |"
echo "| (oj) \`offer --format json\` | 1,000 | $(tcell oj) |"
for f in $FORMATS; do
    echo "| \`offer --format $f\` | 1,000 | $(cell "m1-$f") |"
    echo "| \`offer --format $f\` | 10,000 | $(cell "m10-$f") |"
done
echo "| \`check --format jsonl --trials 0\` | 1,000 | $(cell b1) |"
echo "| \`check --format jsonl --trials 0\` | 10,000 | $(cell b10) |"
echo "| \`offer --format json --alone\` | 1,000 | $(cell a1) |"
echo "| \`offer --format json --alone\` | 10,000 | $(cell a10) |"
echo
echo "- (o)/(c) time: **$(ratio "${TIME[o]}" "${TIME[c]}")**, (oj)/(c): **$(ratio "${TIME[oj]}" "${TIME[c]}")** (≤ 2 asked); in CPU time $(ratio "${CPU[o]}" "${CPU[c]}") and $(ratio "${CPU[oj]}" "${CPU[c]}")"
line="- peak RSS 10,000 / 1,000 deals (≤ 1.5 asked):"
for f in $FORMATS; do
    line+=" $f **$(ratio "${MEM[m10-$f]}" "${MEM[m1-$f]}")**,"
done
echo "$line toml n/a (writes exactly one deal file; refuses a folder)"
echo "- the same without the offer: \`check --trials 0\` $(ratio "${MEM[b10]}" "${MEM[b1]}"); without the book: \`offer --format json --alone\` $(ratio "${MEM[a10]}" "${MEM[a1]}")"
