#!/usr/bin/env bash
# The forecast's cost (issue 21): `forecast` of about 1,000 proposed deals
# (a generated repo in the `issue` shape, its signed deals as well) against
# one `capacity` pass over the same folder when the binary has `capacity`,
# else against `check --trials 0` (and `check --trials 0 --portfolio`, which
# books the proposed deals forward as capacity does). Prints the trials the
# forecast ran, whether it was exact or capped, and the ratio (goal: at
# most 300).
# Usage: bash bench/forecast.sh   (RUNS=N repeats, default 1; TRIALS=N the
# forecast's cap, default its own; SKIP_BUILD=1 uses the release build as it is)
set -euo pipefail
RUNS=${RUNS:-1}
source "$(dirname "$0")/lib.sh"
[[ -n ${SKIP_BUILD:-} ]] || cargo build --release --quiet --bin dealcheck --example gen_repo
OUT=bench/out
dir=$OUT/forecast
rm -rf "$dir"
# About 85% of a generated repo's deals are proposed: 1,175 give ~1,000.
"$GEN" "$dir" --deals "${DEALS:-1175}" --shape issue >/dev/null
proposed=$(grep -rl '^status = "proposed"' "$dir/deals" | wc -l)
signed=$(grep -rl '^status = "signed"' "$dir/deals" | wc -l)
echo "repo: $proposed proposed and $signed signed deals (bench/out/forecast)"
echo "CPUs: $(nproc), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
trials=()
[[ -n ${TRIALS:-} ]] && trials=(--trials "$TRIALS")
if "$BIN" capacity --help >/dev/null 2>&1; then
    bench base "$BIN" capacity "$dir/deals" --as-of "$AS_OF" --format json
    base="capacity"
else
    bench base "$BIN" check "$dir/deals" --as-of "$AS_OF" --trials 0 --format jsonl --fail-on never
    base="check --trials 0"
    bench portfolio "$BIN" check "$dir/deals" --as-of "$AS_OF" --trials 0 --portfolio --format jsonl --fail-on never
fi
bench forecast "$BIN" forecast "$dir/deals" --as-of "$AS_OF" --format json -o "$dir/forecast.json" "${trials[@]}"
python3 -c '
import json, sys
f = json.load(open(sys.argv[1]))
print("forecast: %d trials, exact %s, capped %s" % (f["trials"], f["exact"], f["capped"]))
' "$dir/forecast.json"
echo "| run | wall s (median of $RUNS) |"
echo "|---|---:|"
echo "| $base | ${TIME[base]} |"
[[ -n ${TIME[portfolio]:-} ]] && echo "| check --trials 0 --portfolio | ${TIME[portfolio]} |"
echo "| forecast | ${TIME[forecast]} |"
echo "ratio forecast / $base: $(ratio "${TIME[forecast]}" "${TIME[base]}" 0) (goal: at most 300)"
[[ -n ${TIME[portfolio]:-} ]] && echo "ratio forecast / portfolio: $(ratio "${TIME[forecast]}" "${TIME[portfolio]}" 0)"
exit 0
