# Shared by the scripts in bench/ (sourced, not run): where the binaries are,
# how one run is timed with its peak memory, medians and ratios, and the
# 50-item deal of montecarlo.sh and offer.sh.
#
# After sourcing: TARGET, BIN, GEN (gen_repo), FLOOR (parse_floor), AS_OF,
# MEMORY (gnu-time, proc or none) and the functions below. RUNS is each
# script's own.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
TARGET=${CARGO_TARGET_DIR:-target}
BIN=$TARGET/release/dealcheck
GEN=$TARGET/release/examples/gen_repo
FLOOR=$TARGET/release/examples/parse_floor
AS_OF=2026-11-27
unset DEALCHECK_CATALOG # the catalog must be found next to the deals

# Peak memory: GNU time's %M, else the process's VmHWM polled from /proc.
if [[ -x /usr/bin/time ]] && /usr/bin/time -f "%M" true 2>/dev/null; then
    MEMORY=gnu-time
elif [[ -r /proc/self/status ]]; then
    MEMORY=proc
    echo "note: no GNU time (apt-get install time); polling VmHWM in /proc instead" >&2
else
    MEMORY=none
    echo "note: no GNU time and no /proc: peak memory unavailable" >&2
fi

# measure CMD...: runs it once with stdout to /dev/null, prints "SECONDS KB"
# (KB "-" when unavailable). Wall time is taken around the run in
# nanoseconds. An exit above OK_EXIT (default 0) aborts the benchmark.
measure() {
    local err t0 t1 kb=- status=0 mem pid v
    err=$(mktemp)
    t0=$(date +%s%N)
    case $MEMORY in
    gnu-time)
        mem=$(mktemp)
        /usr/bin/time -f "%M" -o "$mem" "$@" >/dev/null 2>"$err" || status=$?
        kb=$(tail -n 1 "$mem")
        rm -f "$mem"
        ;;
    proc)
        "$@" >/dev/null 2>"$err" &
        pid=$!
        kb=0
        while kill -0 "$pid" 2>/dev/null; do
            v=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
            [[ -n $v ]] && kb=$v
            sleep 0.01
        done
        wait "$pid" || status=$?
        ;;
    *) "$@" >/dev/null 2>"$err" || status=$? ;;
    esac
    t1=$(date +%s%N)
    if ((status > ${OK_EXIT:-0})); then
        echo "failed (exit $status): $*" >&2
        tail -n 20 "$err" >&2
        exit 1
    fi
    rm -f "$err"
    awk -v ns=$((t1 - t0)) -v kb="$kb" 'BEGIN { printf "%.3f %s\n", ns / 1e9, kb }'
}

# The median of the numbers on standard input.
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# bench NAME CMD...: RUNS runs; TIME[NAME] (s) and MEM[NAME] (MB, or
# "n/a"), medians.
declare -A TIME MEM
bench() {
    local name=$1 times="" kbs="" res s kb i
    shift
    for ((i = 0; i < RUNS; i++)); do
        res=$(measure "$@")
        read -r s kb <<<"$res"
        times+="$s"$'\n'
        kbs+="$kb"$'\n'
    done
    TIME[$name]=$(printf '%s' "$times" | median)
    kb=$(printf '%s' "$kbs" | median)
    if [[ $kb == "-" ]]; then MEM[$name]="n/a"; else MEM[$name]=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }'); fi
    echo "   $name: ${TIME[$name]} s, ${MEM[$name]} MB" >&2
}

# ratio X Y [DECIMALS]: X / Y, "n/a" when either is missing or Y is 0.
ratio() {
    awk -v x="$1" -v y="$2" -v d="${3:-2}" 'BEGIN {
        if (x == "n/a" || y == "n/a" || y + 0 == 0) print "n/a"; else printf "%.*f", d, x / y }'
}

# fifty_item_deal DIR DEADLINE: a catalog of 5 teams of 4 people at focus
# 0.8, and a deal of 50 three-point items (item i on team (i − 1) mod 5,
# after item i − 5), into DIR/catalog.toml and DIR/deal.toml.
fifty_item_deal() {
    local dir=$1 deadline=$2 i t
    {
        printf '[catalog]\nname = "Bench"\ntimezone = "UTC"\nbusiness_hours = "mon-fri 09:00-17:00"\n'
        for t in 1 2 3 4 5; do printf '[[team]]\nid = "team-%s"\npeople = 4\nfocus = 0.8\n' "$t"; done
    } >"$dir/catalog.toml"
    {
        printf '[deal]\nid = "BENCH"\nstart = 2027-01-04\ndeadline = %s\n' "$deadline"
        for i in $(seq 1 50); do
            t=$(((i - 1) % 5 + 1))
            printf '[[custom]]\nname = "item-%s"\nteam = "team-%s"\nestimate = { low = %s, likely = %s, high = %s }\n' \
                "$i" "$t" $((2 + i % 3)) $((4 + i % 4)) $((9 + i % 5))
            if [ "$i" -gt 5 ]; then printf 'after = ["item-%s"]\n' $((i - 5)); fi
        done
    } >"$dir/deal.toml"
}

# wall_ms CMD...: the median over RUNS of CMD's wall time in milliseconds,
# standard output discarded (any exit code is an answer).
wall_ms() {
    local s e _
    for _ in $(seq 1 "$RUNS"); do
        s=$(date +%s%N)
        "$@" >/dev/null || true
        e=$(date +%s%N)
        echo $(((e - s) / 1000000))
    done | median
}

# each_growth_input FN: for every case in $CASES (sizes from the SIZE map),
# writes the generated input at n and 4n under $OUT and calls
# FN CASE SIZE DIR. The growth scripts share it (GEN is gen_growth there).
each_growth_input() {
    local case n size dir
    for case in $CASES; do
        n=${SIZE[$case]:?unknown case $case}
        for size in "$n" $((4 * n)); do
            dir=$OUT/$case-$size
            rm -rf "$dir"
            "$GEN" "$case" "$size" "$dir"
            "$1" "$case" "$size" "$dir"
        done
    done
}
