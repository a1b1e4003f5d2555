#!/usr/bin/env bash
# Scale benchmark: how `dealcheck check` grows from 1,000 to 10,000 deals,
# against the floor of just parsing the same files. See bench/README.md.
#
#   bench/scale.sh            # RUNS=3 by default (median of 3)
#   RUNS=1 bench/scale.sh     # quicker
set -euo pipefail

RUNS=${RUNS:-3}
SIZES=(1000 10000)
SEED=${SEED:-42}
source "$(dirname "$0")/lib.sh"
OUT=bench/out

echo "== building release" >&2
cargo build --release --examples --bins >&2

mkdir -p "$OUT"
for n in "${SIZES[@]}"; do
    rm -rf "${OUT:?}/repo-$n"
    "$GEN" "$OUT/repo-$n" --deals "$n" --seed "$SEED"
done

for n in "${SIZES[@]}"; do
    deals=$OUT/repo-$n/deals
    echo "== $n deals (median of $RUNS)" >&2
    bench "a$n" "$FLOOR" "$deals"
    bench "b$n" "$BIN" check "$deals" --format jsonl --trials 0 --as-of "$AS_OF" --fail-on never
    bench "c$n" "$BIN" check "$deals" --format jsonl --as-of "$AS_OF" --fail-on never
done

# cell NAME: "1.234 s, 56.7 MB" for the table.
cell() {
    if [[ ${MEM[$1]} == n/a ]]; then
        echo "${TIME[$1]} s, memory n/a"
    else
        echo "${TIME[$1]} s, ${MEM[$1]} MB"
    fi
}

echo
echo "### dealcheck scale benchmark ($(date -u +%Y-%m-%d), $(nproc) CPUs, median of $RUNS)"
echo
echo "| deals | (a) parse floor | (b) check --trials 0 | (c) check, default trials | (b)/(a) time | (c)/(a) time |"
echo "|---:|---:|---:|---:|---:|---:|"
for n in "${SIZES[@]}"; do
    echo "| $n | $(cell "a$n") | $(cell "b$n") | $(cell "c$n") |" \
        "$(ratio "${TIME[b$n]}" "${TIME[a$n]}") | $(ratio "${TIME[c$n]}" "${TIME[a$n]}") |"
done
row="| 10k / 1k |"
for m in a b c; do
    row+=" time ×$(ratio "${TIME[${m}10000]}" "${TIME[${m}1000]}"),"
    row+=" memory ×$(ratio "${MEM[${m}10000]}" "${MEM[${m}1000]}") |"
done
echo "$row | |"
