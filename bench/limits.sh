#!/bin/sh
# bench/limits.sh: the signed log at a million records.  Too slow for every
# test run (generating and checking a million signatures takes minutes), so
# it is run by hand or in a nightly job:
#
#   cmake --build build --target bench && sh bench/limits.sh build [N]
#
# logbench gen writes a valid signed log of N records (default 1,000,000)
# with the real record code; `workshop verify` then checks it, and its
# first tenth, as a manager would, with the peak memory of each run.
# Verify streams, so the peak must not grow with the log: the check fails
# if the whole log needs more than 1.25 times the memory of its tenth plus
# 4 MiB (judged when the tenth has at least 100,000 records, enough to fill
# verify's batches).  Set LOGBENCH to use a logbench built elsewhere.
# Exit: 0 passed, 1 a check failed, 2 a tool is missing.
set -eu

build=${1:?usage: bench/limits.sh BUILD_DIR [N]}
n=${2:-1000000}
bin="$build/workshop"
logbench=${LOGBENCH:-$build/bench/logbench}
for tool in "$bin" "$logbench" /usr/bin/time; do
	if [ ! -x "$tool" ]; then
		echo "limits: $tool is missing (cmake --build $build --target bench)" >&2
		exit 2
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/workshop-limits.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export XDG_CONFIG_HOME="$tmp" XDG_STATE_HOME="$tmp"

"$bin" keygen --unencrypted -o "$tmp/k" >/dev/null 2>&1
echo "generating a log of $n records..."
"$logbench" gen "$n" "$tmp/big.log" "$tmp/k.key"
tenth=$(( $(wc -l <"$tmp/big.log") / 10 ))
head -n "$tenth" "$tmp/big.log" >"$tmp/tenth.log"
# Below 100,000 records verify's batches are not yet all in use.
judge=1
[ "$tenth" -ge 100000 ] || judge=0

# run LOG: verify it; sets status, secs, peak_kb, summary.
run() {
	status=0
	/usr/bin/time -f '%e %M' -o "$tmp/time" \
		"$bin" verify -k "$tmp/k.pub" --format csv "$1" \
		>"$tmp/report" 2>"$tmp/err" || status=$?
	read -r secs peak_kb <"$tmp/time"
	summary=$(grep -F 'PASS' "$tmp/err" || sed -n 1p "$tmp/err")
	rows=$(($(wc -l <"$tmp/report") - 1))
}

fail=0
run "$tmp/tenth.log"
small_kb=$peak_kb
printf '%-10s %9s lines  %7s s  peak %6s KiB  report rows %s\n' tenth \
	"$tenth" "$secs" "$peak_kb" "$rows"
[ "$status" = 0 ] || { echo "FAIL: the tenth: $summary"; fail=1; }
run "$tmp/big.log"
printf '%-10s %9s lines  %7s s  peak %6s KiB  report rows %s\n' whole \
	"$(wc -l <"$tmp/big.log")" "$secs" "$peak_kb" "$rows"
echo "$summary"
[ "$status" = 0 ] || { echo "FAIL: the whole log did not verify"; fail=1; }
limit=$((small_kb * 5 / 4 + 4096))
if [ "$judge" = 0 ]; then
	echo "memory: $peak_kb KiB for the whole, $small_kb KiB for a tenth (too small a log to judge; use N >= 1000000)"
elif [ "$peak_kb" -le "$limit" ]; then
	echo "ok: memory bounded ($peak_kb KiB for the whole, $small_kb KiB for a tenth; limit $limit)"
else
	echo "FAIL: memory grew with the log ($peak_kb KiB > $limit KiB)"
	fail=1
fi
exit "$fail"
