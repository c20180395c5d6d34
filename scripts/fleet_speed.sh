#!/usr/bin/env bash
# fleet's speed and memory at fleet scale, against one-device `inspect` of the build the fleet
# work started from (7144114), on the same generated capture, interleaved so that both see the
# same machine.
#
#   scripts/fleet_speed.sh [ROUNDS]      (default 5; needs git, cargo, GNU time)
#
# Builds this checkout and 7144114 (once, under target/fleet-speed/), writes the 1,000,000-
# message capture of 100,000 devices and a one-message capture (once), then runs, ROUNDS times
# in turn: `inspect --dev-eui 70b3d57ed0000001 --format json` of 7144114, `fleet --format json`
# and `fleet` (the table). It prints each one's wall-clock range and median, CPU time, peak
# resident memory, the ratio of the medians, and fleet's memory per device (peak minus the
# one-message run's, divided by the devices). A run that fails (exit status above 1; 1 only says
# a device is not healthy) stops it with that run's errors.
set -euo pipefail

rounds=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/fleet-speed"
reference=7144114
mkdir -p "$work"
cd "$root"

cargo build --release --quiet --bin rmacheck --example gen_capture
bin="$root/target/release/rmacheck"
[ -s "$work/site-1m.jsonl" ] || target/release/examples/gen_capture "$work/site-1m.jsonl" 1000000
[ -s "$work/site-1.jsonl" ] || target/release/examples/gen_capture "$work/site-1.jsonl" 1

ref="$work/ref/target/release/rmacheck"
if [ ! -x "$ref" ]; then
    rm -rf "$work/ref"
    mkdir -p "$work/ref"
    git archive "$reference" | tar -x -C "$work/ref"
    (cd "$work/ref" && cargo build --release --quiet --bin rmacheck)
fi

timed() { # label, command... → "label wall user sys maxrss_kib exit"
    local label=$1
    shift
    # Exit 1 means "a device is not healthy"; anything above is a failure, not a figure.
    /usr/bin/time -f "$label %e %U %S %M %x" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || true
    local line
    line=$(tail -n 1 "$work/time.txt")
    if [ "${line##* }" -gt 1 ] 2>/dev/null || ! [ "${line##* }" -ge 0 ] 2>/dev/null; then
        echo "fleet_speed: '$*' failed (${line}); its errors:" >&2
        cat "$work/stderr.txt" >&2
        exit 1
    fi
    echo "$line"
}

results="$work/results.txt"
: >"$results"
for i in $(seq "$rounds"); do
    echo "round $i of $rounds" >&2
    timed inspect-7144114 "$ref" inspect "$work/site-1m.jsonl" --dev-eui 70b3d57ed0000001 \
        --format json >>"$results"
    timed fleet-json "$bin" fleet "$work/site-1m.jsonl" --format json >>"$results"
    timed fleet-table "$bin" fleet "$work/site-1m.jsonl" >>"$results"
done
baseline=$(timed baseline "$bin" fleet "$work/site-1.jsonl" --format json | awk '{print $5}')
devices=$("$bin" fleet "$work/site-1m.jsonl" --format csv 2>/dev/null | tail -n +2 | wc -l || true)

awk -v base="$baseline" -v devices="$devices" '
function median(list, n,    sorted, i, j, t) {
    for (i = 1; i <= n; i++) sorted[i] = list[i]
    for (i = 2; i <= n; i++) for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) {
        t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t
    }
    return n % 2 ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
}
{
    n[$1]++; wall[$1, n[$1]] = $2; cpu[$1, n[$1]] = $3 + $4
    if ($5 > rss[$1]) rss[$1] = $5
    if (!($1 in lo) || $2 < lo[$1]) lo[$1] = $2
    if ($2 > hi[$1]) hi[$1] = $2
}
END {
    for (k in n) {
        for (i = 1; i <= n[k]; i++) { w[i] = wall[k, i]; c[i] = cpu[k, i] }
        med[k] = median(w, n[k])
        printf "%-16s %d runs  wall %.2f-%.2f s, median %.2f s  CPU median %.2f s  peak %d KiB\n",
            k, n[k], lo[k], hi[k], med[k], median(c, n[k]), rss[k]
    }
    if (med["inspect-7144114"] > 0) {
        printf "median of fleet --format json / inspect of 7144114: %.3f\n",
            med["fleet-json"] / med["inspect-7144114"]
        printf "median of fleet (table) / inspect of 7144114:       %.3f\n",
            med["fleet-table"] / med["inspect-7144114"]
    }
    if (devices > 0)
        printf "fleet --format json: %.2f KiB per device (%d devices, baseline %d KiB)\n",
            (rss["fleet-json"] - base) / devices, devices, base
}' "$results"
