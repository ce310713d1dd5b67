#!/bin/sh
# End-to-end: workshop send cut short, against a real xAPI LRS
# (tests/lrs/), on 127.0.0.1 only.  A send of 5,000 records killed with
# SIGKILL in the middle resumes after the last batch the LRS acknowledged,
# and every record is then in the LRS exactly once (read back by id), with
# at most one batch posted twice.  An LRS killed in the middle of a send
# makes it exit 2 with the cursor at the last batch that LRS acknowledged;
# the next run, to an LRS started again, sends exactly the rest.
#   send_crash.sh WORKSHOP SOURCE_DIR FIXTURES LRS_INSTALL_DIR LOGBENCH
. "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2" "$3"
LOGBENCH=$5
. "$E2E_SRC/tests/lrs/lib.sh"
lrs_install "$4"
T=$E2E_TMP
W=$E2E_BIN
N=5000
BATCH=100

"$W" keygen --unencrypted -o "$T/k" >/dev/null 2>&1 || { echo "FAIL: keygen"; exit 1; }
"$LOGBENCH" gen $((N + 1)) "$T/big.log" "$T/k.key" >/dev/null ||
	{ echo "FAIL: logbench gen"; exit 1; }
"$W" verify -k "$T/k.pub" --format xapi "$T/big.log" >"$T/all.json" 2>/dev/null
jq -r '.[] | "\(.context.extensions["urn:workshop:seq"]) \(.id)"' "$T/all.json" >"$T/ids"
[ "$(wc -l <"$T/ids")" = $N ] || { echo "FAIL: $N statements expected"; exit 1; }

# cursor_seq STATE: the seq the state file keeps for the log (0: none).
cursor_seq() {
	awk '$1 == "sent" { print $4; n++ } END { if (!n) print 0 }' "$1" 2>/dev/null || echo 0
}

# wait_cursor STATE SEQ: until the state file's cursor reaches SEQ.
wait_cursor() {
	i=0
	while [ "$(cursor_seq "$1")" -lt "$2" ] && [ "$i" -lt 1200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}

# posted POSTS: how many statements an LRS stored or took again.
posted() {
	awk '$1 == 200 { n += $2 } END { print n + 0 }' "$1"
}

# seq_of ID: the seq of the record whose statement has this id.
seq_of() {
	awk -v id="$1" '$2 == id { print $1 }' "$T/ids"
}

# ---- kill -9 in the middle of a send, then resume ------------------------------
LRS_ENV="LRS_DELAY_MS=40" lrs_start lrs
"$W" send --lrs "$LRS_URL" --auth-file "$LRS_AUTH" -k "$T/k.pub" \
	--state "$T/send-state" --batch $BATCH "$T/big.log" >"$T/out1" 2>&1 &
pid=$!
wait_cursor "$T/send-state" 1000
kill -9 "$pid"
wait "$pid"
st=$?
c=$(cursor_seq "$T/send-state")
if [ "$st" = 137 ] && [ "$c" -ge 1000 ] && [ "$c" -lt $N ]; then
	e2e_ok "the send was killed in the middle (after seq $c)"
else
	e2e_not_ok "the send was killed in the middle" "status $st, cursor $c: $(cat "$T/out1")"
fi
[ $((c % BATCH)) = 0 ] && e2e_ok "the cursor is at the end of a batch" ||
	e2e_not_ok "the cursor is at the end of a batch" "$c"
"$W" send --lrs "$LRS_URL" --auth-file "$LRS_AUTH" -k "$T/k.pub" \
	--state "$T/send-state" --batch $BATCH "$T/big.log" >"$T/out2" 2>&1
st=$?
[ "$st" = 0 ] && e2e_ok "the next run completes (exit 0)" || e2e_not_ok "the next run completes" "$(cat "$T/out2")"
grep -qF "big.log: sent $((N - c)) new records, seq $((c + 1)) to $N" "$T/out2" &&
	e2e_ok "it resumes after the last acknowledged record" ||
	e2e_not_ok "it resumes after the last acknowledged record" "$(cat "$T/out2")"
out=$(lrs_check "$LRS_URL" "$T/all.json")
[ "$out" = "found $N of $N; the LRS holds $N statements" ] &&
	e2e_ok "every record is in the LRS exactly once, read back by id" ||
	e2e_not_ok "every record is in the LRS exactly once, read back by id" "$out"
p=$(posted "$LRS_POSTS")
[ "$p" -ge $N ] && [ "$p" -le $((N + BATCH)) ] &&
	e2e_ok "at most one batch was posted twice ($((p - N)) statements)" ||
	e2e_not_ok "at most one batch was posted twice" "$p statements posted"
lrs_stop

# ---- The LRS killed in the middle of a send --------------------------------------
LRS_ENV="LRS_DELAY_MS=40" lrs_start stopped
port=$LRS_PORT
"$W" send --lrs "$LRS_URL" --auth-file "$LRS_AUTH" -k "$T/k.pub" \
	--state "$T/send-state2" --batch $BATCH --retries 2 --retry-wait 0.05 \
	"$T/big.log" >"$T/out3" 2>"$T/err3" &
pid=$!
wait_cursor "$T/send-state2" 1000
kill -9 "$LRS_PID"
wait "$pid"
st=$?
[ "$st" = 2 ] && e2e_ok "a send to an LRS that stops exits 2" ||
	e2e_not_ok "a send to an LRS that stops exits 2" "status $st: $(cat "$T/out3" "$T/err3")"
grep -qF "the LRS is unavailable: no answer from $LRS_URL" "$T/err3" &&
	grep -qF "(3 tries)" "$T/err3" &&
	e2e_ok "it says the LRS is unavailable, after the retries" ||
	e2e_not_ok "it says the LRS is unavailable, after the retries" "$(cat "$T/err3")"
c=$(cursor_seq "$T/send-state2")
# The last batch the LRS answered 200, as it logged it before replying; a
# kill between its log and its reply leaves that batch unacknowledged.
last=$(seq_of "$(awk '$1 == 200 { id = $4 } END { print id }' "$LRS_POSTS")")
if [ "$c" -gt 0 ] && [ "$c" -lt $N ] && { [ "$c" = "$last" ] || [ "$c" = $((last - BATCH)) ]; }; then
	e2e_ok "the cursor is at the last batch the LRS acknowledged (seq $c)"
else
	e2e_not_ok "the cursor is at the last batch the LRS acknowledged" "cursor $c, LRS $last"
fi
grep -qF "big.log: sent $c of $N new records, seq 1 to $c; the rest were not sent" "$T/out3" &&
	e2e_ok "it says how far it got" || e2e_not_ok "it says how far it got" "$(cat "$T/out3")"

LRS_ENV="LRS_DELAY_MS=0" lrs_start restarted "$port"
"$W" send --lrs "$LRS_URL" --auth-file "$LRS_AUTH" -k "$T/k.pub" \
	--state "$T/send-state2" --batch $BATCH "$T/big.log" >"$T/out4" 2>&1
st=$?
[ "$st" = 0 ] && e2e_ok "the next run completes (exit 0)" || e2e_not_ok "the next run completes" "$(cat "$T/out4")"
jq -c --argjson c "$c" '[.[] | select(.context.extensions["urn:workshop:seq"] > $c)]' \
	"$T/all.json" >"$T/rest.json"
out=$(lrs_check "$LRS_URL" "$T/rest.json")
[ "$out" = "found $((N - c)) of $((N - c)); the LRS holds $((N - c)) statements" ] &&
	e2e_ok "exactly the records after the cursor reach the LRS started again" ||
	e2e_not_ok "exactly the records after the cursor reach the LRS started again" "$out"
[ "$(posted "$LRS_POSTS")" = $((N - c)) ] && e2e_ok "none is posted twice" ||
	e2e_not_ok "none is posted twice" "$(posted "$LRS_POSTS") posted"

e2e_finish
