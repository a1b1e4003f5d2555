#!/usr/bin/env bash
# The forecast's cost (issue 21): `forecast` of about 1,000 proposed deals
# (a generated repo in the `issue` shape, its signed deals as well) against
# one `capacity` pass over the same folder when the binary has `capacity`,
# else against `check --trials 0` (and `check --trials 0 --portfolio`, which
# books the proposed deals forward as capacity does). Prints the trials the
# forecast ran, whether it stopped settled, was exact or was capped, and
# the ratio in wall time and in CPU time (user + system, what the load
# changes least; goal: at most 300).
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
    base_cmd=("$BIN" capacity "$dir/deals" --as-of "$AS_OF" --format json)
    base="capacity"
else
    base_cmd=("$BIN" check "$dir/deals" --as-of "$AS_OF" --trials 0 --format jsonl --fail-on never)
    base="check --trials 0"
    bench portfolio "$BIN" check "$dir/deals" --as-of "$AS_OF" --trials 0 --portfolio --format jsonl --fail-on never
fi
# timed NAME CMD...: RUNS runs under GNU time; TIME[NAME] and CPU[NAME]
# (user + system), medians in seconds.
declare -A CPU
timed() {
    local name=$1 out walls="" cpus="" i
    shift
    out=$(mktemp)
    for ((i = 0; i < RUNS; i++)); do
        /usr/bin/time -f "%e %U %S" -o "$out" "$@" >/dev/null 2>&1
        walls+="$(awk '{ print $1 }' "$out")"$'\n'
        cpus+="$(awk '{ printf "%.2f\n", $2 + $3 }' "$out")"$'\n'
    done
    rm -f "$out"
    TIME[$name]=$(printf '%s' "$walls" | median)
    CPU[$name]=$(printf '%s' "$cpus" | median)
    echo "   $name: ${TIME[$name]} s wall, ${CPU[$name]} s CPU" >&2
}
if [[ -x /usr/bin/time ]]; then
    timed base "${base_cmd[@]}"
    timed forecast "$BIN" forecast "$dir/deals" --as-of "$AS_OF" --format json -o "$dir/forecast.json" "${trials[@]}"
else
    bench base "${base_cmd[@]}"
    bench forecast "$BIN" forecast "$dir/deals" --as-of "$AS_OF" --format json -o "$dir/forecast.json" "${trials[@]}"
fi
python3 -c '
import json, sys
f = json.load(open(sys.argv[1]))
how = "exact" if f["exact"] else ("capped" if f["capped"] else "settled")
print("forecast: %d trials, %s (exact %s, capped %s)" % (f["trials"], how, f["exact"], f["capped"]))
' "$dir/forecast.json"
echo "| run | wall s (median of $RUNS) |"
echo "|---|---:|"
echo "| $base | ${TIME[base]} |"
[[ -n ${TIME[portfolio]:-} ]] && echo "| check --trials 0 --portfolio | ${TIME[portfolio]} |"
echo "| forecast | ${TIME[forecast]} |"
echo "ratio forecast / $base: $(ratio "${TIME[forecast]}" "${TIME[base]}" 0) (goal: at most 300)"
if [[ -n ${CPU[forecast]:-} ]]; then
    echo "CPU s: $base ${CPU[base]}, forecast ${CPU[forecast]}; ratio $(ratio "${CPU[forecast]}" "${CPU[base]}" 0) (goal: at most 300)"
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ -n ${TIME[portfolio]:-} ]] && echo "ratio forecast / portfolio: $(ratio "${TIME[forecast]}" "${TIME[portfolio]}" 0)"
exit 0
