#!/bin/sh
# bench/send.sh BUILD_DIR [N] [ROUNDS]: workshop send against the bare loop.
#
# Statements per second sending N records (default 10,000) to the local
# LRS the tests use (tests/lrs/, installed with npm ci as they install
# it), against a bare libcurl loop (sendbench post) posting the same
# batches of 100 to the same LRS, in the same run: each round starts a
# fresh LRS for each side, in turns, given a second to settle after it
# starts, and the best of ROUNDS (default 3) rounds of each is compared.  workshop send is timed as a user meets it,
# from fork to exit: reading and verifying the whole log, building the
# statements, and saving the state file after every batch.  Then its peak
# memory sending N records against 3N, beside workshop verify's own on the
# same logs (constant: the log is streamed and the statements wait in a
# temporary file).
# Build the bench target first: cmake --build BUILD_DIR --target bench.
build=$(cd "$1" && pwd)
n=${2:-10000}
rounds=${3:-3}
src=$(cd "$(dirname "$0")/.." && pwd)
W=$build/workshop
SB=$build/bench/sendbench
for f in "$W" "$SB" "$build/bench/logbench"; do
	[ -x "$f" ] || { echo "send.sh: no $f (build the bench target)"; exit 2; }
done
# The tests' helpers: a private HOME and temporary directory, and the LRS.
. "$src/tests/e2e/lib.sh"
e2e_init "$W" "$src" "$src/tests/fixtures"
. "$src/tests/lrs/lib.sh"
lrs_install "$build/tests/lrs"
T=$E2E_TMP

"$W" keygen --unencrypted -o "$T/k" >/dev/null 2>&1
"$build/bench/logbench" gen $((n + 1)) "$T/big.log" "$T/k.key" >/dev/null
"$build/bench/logbench" gen $((3 * n + 1)) "$T/large.log" "$T/k.key" >/dev/null
"$W" verify -k "$T/k.pub" --format xapi "$T/big.log" >"$T/all.json" 2>/dev/null

# send_once LOG: workshop send LOG to a fresh LRS; "SECONDS KIB".
send_once() {
	lrs_start "send$i$1"
	sleep 1
	out=$("$SB" run "$W" send --lrs "$LRS_URL" --auth-file "$LRS_AUTH" \
		-k "$T/k.pub" --state "$T/state-$i-$1" --batch 100 "$T/$1")
	lrs_stop
	case $out in
	*"status 0") echo "$out" | sed 's/^run: \([0-9.]*\) s, peak memory \([0-9]*\) KiB.*/\1 \2/' ;;
	*) echo "send.sh: workshop send failed: $out" >&2; exit 1 ;;
	esac
}

# bare_once: the bare loop to a fresh LRS; its seconds.
bare_once() {
	lrs_start "bare$i"
	sleep 1
	out=$("$SB" post "$LRS_URL" "$LRS_AUTH" "$T/all.json" 100)
	st=$?
	lrs_stop
	[ "$st" = 0 ] || { echo "send.sh: the bare loop failed: $out" >&2; exit 1; }
	echo "$out" | sed 's/^post: [0-9]* statements in \([0-9.]*\) s.*/\1/'
}

uptime | sed 's/.*load average: \([0-9.]*\).*/load average (1 min) at the start: \1/'
sends=
bares=
i=0
while [ "$i" -lt "$rounds" ]; do
	if [ $((i % 2)) = 0 ]; then
		s=$(send_once big.log)
		b=$(bare_once)
	else
		b=$(bare_once)
		s=$(send_once big.log)
	fi
	st=${s% *}
	rss=${s#* }
	echo "round $((i + 1)): workshop send $st s (peak $rss KiB), bare loop $b s"
	sends="$sends $st"
	bares="$bares $b"
	i=$((i + 1))
done
# best LIST, median LIST: of the rounds' seconds.
best() { printf '%s\n' $1 | sort -n | head -n 1; }
median() { printf '%s\n' $1 | sort -n | sed -n "$(( ($rounds + 1) / 2 ))p"; }
best_send=$(best "$sends")
best_bare=$(best "$bares")
med_send=$(median "$sends")
med_bare=$(median "$bares")
large=$(send_once large.log)
# verify_peak LOG: workshop verify's peak memory on LOG, in KiB.
verify_peak() {
	"$SB" run "$W" verify -k "$T/k.pub" "$T/$1" |
		sed 's/.*peak memory \([0-9]*\) KiB.*/\1/'
}
# verify_time: the best of three runs of workshop verify on the log.
verify_time() {
	for j in 1 2 3; do
		"$SB" run "$W" verify -k "$T/k.pub" "$T/big.log" |
			sed 's/^run: \([0-9.]*\) s.*/\1/'
	done | sort -n | head -n 1
}
awk -v n="$n" -v s="$best_send" -v b="$best_bare" -v big="$rss" \
	-v large="${large#* }" -v r="$rounds" -v vb="$(verify_peak big.log)" \
	-v vl="$(verify_peak large.log)" -v vt="$(verify_time)" \
	-v ms="$med_send" -v mb="$med_bare" 'BEGIN {
	printf "workshop send: %d records in %.3f s, %.0f statements/s (fork to exit, verification included)\n", n, s, n / s
	printf "  of which workshop verify of the same log takes %.3f s on its own\n", vt
	printf "bare libcurl loop, same batches: %.3f s, %.0f statements/s\n", b, n / b
	printf "ratio send/bare: %.2fx best of %d rounds each, %.2fx median (goal >= 0.9)\n", (n / s) / (n / b), r, (n / ms) / (n / mb)
	printf "peak memory: %.1f MiB sending %d records, %.1f MiB sending %d (ratio %.2f); workshop verify alone: %.1f and %.1f MiB\n", big / 1024, n, large / 1024, 3 * n, large / big, vb / 1024, vl / 1024
}'
e2e_finish >/dev/null
