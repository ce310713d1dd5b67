#!/bin/sh
# End-to-end: workshop send against a real xAPI LRS (Learning Locker's
# statement service, tests/lrs/), on 127.0.0.1 only: a first send, a
# resend with nothing new, new records, --dry-run, a tampered log, a log
# rolled back or replaced, --checkpoint, a wrong password, a 409 conflict, a statement
# the LRS rejects, 429/503 with Retry-After, an LRS that stays busy,
# HTTPS with --cacert, bad state and password files, and the progress
# line on a terminal (with a second run kept off the same state file).  Every statement is read back from the LRS by id.
#   send.sh WORKSHOP SOURCE_DIR FIXTURES LRS_INSTALL_DIR LOGBENCH
. "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2" "$3"
LOGBENCH=$5
. "$E2E_SRC/tests/lrs/lib.sh"
lrs_install "$4"
printf 'set -s exit-empty off\n' >>"$E2E_TMP/tmux.conf"
T=$E2E_TMP
W=$E2E_BIN
pack=$E2E_FIXTURES/pack
pw=$(cut -d: -f2 "$LRS_AUTH")

"$W" keygen --unencrypted -o "$T/k" >/dev/null 2>&1 || { echo "FAIL: keygen"; exit 1; }

# attend LOG NAME...: sign an attendance record for each name.
attend() {
	log=$1
	shift
	"$W" attend --content "$pack" -m basics -k "$T/k.key" -l "$log" \
		-f "Fay Tutor" "$@" >/dev/null 2>&1 || { echo "FAIL: attend"; exit 1; }
}

# xapi LOG... >FILE: the statements workshop verify --format xapi prints.
xapi() {
	"$W" verify -k "$T/k.pub" --format xapi "$@" 2>/dev/null
}

# send ARGS...: workshop send to the LRS started last, with the test's
# state file and key; output in $T/out and $T/err, status in $st.
send() {
	"$W" send --lrs "$LRS_URL" -k "$T/k.pub" --state "$T/send-state" "$@" \
		>"$T/out" 2>"$T/err"
	st=$?
	cat "$T/out" "$T/err" >>"$T/all"
}

# status NAME WANT: the last send's status.
status() {
	if [ "$st" = "$2" ]; then
		e2e_ok "$1"
	else
		e2e_not_ok "$1 (status $st, expected $2)" "$(cat "$T/out" "$T/err")"
	fi
}

# says NAME FILE TEXT: the last send's out or err holds TEXT.
says() {
	if grep -qF -- "$3" "$T/$2"; then
		e2e_ok "$1"
	else
		e2e_not_ok "$1" "expected in $2: $3
--- out ---
$(cat "$T/out")
--- err ---
$(cat "$T/err")"
	fi
}

# found NAME EXPECTED.json TEXT: reading the statements back says TEXT.
found() {
	out=$(lrs_check "$LRS_URL" "$2")
	case $out in
	"$3"*) e2e_ok "$1" ;;
	*) e2e_not_ok "$1" "expected: $3
got: $out" ;;
	esac
}

# cursor LOG: "SEQ HASH" the state file keeps for LOG's id at this LRS.
cursor() {
	id=$(head -n 1 "$1" | sed 's/.*"log":"\([0-9a-f]*\)".*/\1/')
	awk -v u="$LRS_URL" -v id="$id" '$1 == "sent" && $2 == u && $3 == id { print $4, $5 }' "$T/send-state"
}

lrs_start lrs
url1=$LRS_URL

# ---- A first send, a resend, new records ----------------------------------
attend "$T/a.log" "Ann Smith" "Bob Jones" "Cy Young"
attend "$T/b.log" "Dee Gray" "Eve Hall"
send --auth-file "$LRS_AUTH" "$T/a.log" "$T/b.log"
status "a first send exits 0" 0
says "it names each log's records" out "a.log: sent 3 new records, seq 1 to 3"
says "and the summary counts them" out "sent 5 new records from 2 logs"
xapi "$T/a.log" "$T/b.log" >"$T/ab.json"
found "the LRS holds every statement verify --format xapi prints, by id" \
	"$T/ab.json" "found 5 of 5; the LRS holds 5 statements"
head=$("$W" verify -k "$T/k.pub" "$T/a.log" 2>&1 | sed -n 's/.*(head \([0-9a-f]*\)).*/\1/p')
case $(cursor "$T/a.log") in
"3 $head"*) e2e_ok "the state keeps the last acknowledged seq and its hash" ;;
*) e2e_not_ok "the state keeps the last acknowledged seq and its hash" "$(cat "$T/send-state")" ;;
esac
mode=$(stat -c %a "$T/send-state")
[ "$mode" = 600 ] && e2e_ok "the state file is mode 600" || e2e_not_ok "the state file is mode 600" "$mode"
[ ! -t 2 ] && ! grep -q 'sending' "$T/err" && e2e_ok "no progress line when stderr is no terminal" ||
	e2e_not_ok "no progress line when stderr is no terminal" "$(cat "$T/err")"

posts=$(wc -l <"$LRS_POSTS")
send --auth-file "$LRS_AUTH" "$T/a.log" "$T/b.log"
status "a resend with nothing new exits 0" 0
says "each log is up to date" out "a.log: up to date"
says "the summary says nothing was new" out "sent no new records; 2 logs up to date"
[ "$(wc -l <"$LRS_POSTS")" = "$posts" ] && e2e_ok "nothing was posted again" ||
	e2e_not_ok "nothing was posted again" "$(cat "$LRS_POSTS")"

attend "$T/a.log" "Fay Lee" "Gil Moss"
printf '%s\n' "$pw" >"$T/pw"
chmod 600 "$T/pw"
send --user workshop-test --password-file "$T/pw" "$T/a.log" "$T/b.log"
status "new records are sent (with --user and --password-file)" 0
says "only the new ones" out "a.log: sent 2 new records, seq 4 to 5"
says "the other log is up to date" out "b.log: up to date"
xapi "$T/a.log" "$T/b.log" >"$T/ab.json"
found "the LRS holds all seven, each once" "$T/ab.json" \
	"found 7 of 7; the LRS holds 7 statements"

# ---- --dry-run ---------------------------------------------------------------
attend "$T/b.log" "Hal Ng"
cp "$T/send-state" "$T/send-state.before"
posts=$(wc -l <"$LRS_POSTS")
send --dry-run "$T/a.log" "$T/b.log"
status "--dry-run exits 0" 0
says "--dry-run says what it would send" out "b.log: would send 1 new record, seq 3 to 3"
says "and sums it up" out "would send 1 new record from 1 log; 1 log up to date"
cmp -s "$T/send-state" "$T/send-state.before" && [ "$(wc -l <"$LRS_POSTS")" = "$posts" ] &&
	e2e_ok "--dry-run sends nothing and changes no state" ||
	e2e_not_ok "--dry-run sends nothing and changes no state"
send --auth-file "$LRS_AUTH" "$T/b.log"
says "the record is sent by the next real run" out "b.log: sent 1 new record, seq 3 to 3"

# ---- A tampered log, a rolled-back log, a replaced log ---------------------
attend "$T/d.log" "Ivy Ross" "Jim Cole"
attend "$T/c.log" "Kim Park"
xapi "$T/d.log" >"$T/d.json"
sed 's/Jim Cole/Tim Cole/' "$T/d.log" >"$T/t.log"
send --auth-file "$LRS_AUTH" "$T/t.log" "$T/c.log"
status "a tampered log exits 1" 1
"$W" verify -k "$T/k.pub" "$T/t.log" 2>&1 >/dev/null | grep "^$T/t.log:[0-9]" >"$T/verify-says"
if [ -s "$T/verify-says" ] && grep -q "t.log:3: error: " "$T/verify-says" &&
	[ "$(grep -cxFf "$T/verify-says" "$T/err")" = "$(wc -l <"$T/verify-says")" ]; then
	e2e_ok "each problem is named as workshop verify names it"
else
	e2e_not_ok "each problem is named as workshop verify names it" \
		"verify: $(cat "$T/verify-says")
send: $(cat "$T/err")"
fi
says "the log is skipped with its reason" err "t.log: not sent: it failed verification (1 problem)"
says "the good log is still sent" out "c.log: sent 1 new record, seq 1 to 1"
found "no record of the tampered log reached the LRS" "$T/d.json" "found 0 of 2"

# A torn last line (an append cut short) is not tampering: verify passes
# the log, so send sends what it holds, as verify's verdict says.
attend "$T/torn.log" "Uma Torn" "Val Torn"
xapi "$T/torn.log" >"$T/torn.json"
printf '{"sig":"cut sh' >>"$T/torn.log"
send --auth-file "$LRS_AUTH" "$T/torn.log"
status "a log with a torn last line is sent (exit 0)" 0
says "its torn line is named" err "torn.log:4: torn: "
says "its records are sent" out "torn.log: sent 2 new records, seq 1 to 2"
found "every record of the torn log reached the LRS" "$T/torn.json" "found 2 of 2"

head -n 4 "$T/a.log" >"$T/rolled.log"
send --auth-file "$LRS_AUTH" "$T/rolled.log"
status "a log rolled back below what the LRS acknowledged exits 1" 1
says "it says so" err "rolled.log: not sent: the LRS acknowledged seq 5 of log"
head -n 5 "$T/a.log" >"$T/replaced.log"
attend "$T/replaced.log" "Zed Other"
send --auth-file "$LRS_AUTH" "$T/replaced.log"
status "a log whose acknowledged record was replaced exits 1" 1
says "it says so" err "replaced.log: not sent: its record seq 5 is not the one the LRS acknowledged"

# ---- --checkpoint: verified as workshop verify does, only what is new --------
attend "$T/n.log" "Nia One" "Oli Two"
"$W" verify -k "$T/k.pub" --checkpoint "$T/cp" "$T/n.log" >/dev/null 2>&1
attend "$T/n.log" "Pat Three"
xapi "$T/n.log" >"$T/n.json"
send --auth-file "$LRS_AUTH" --checkpoint "$T/cp" "$T/n.log"
status "send --checkpoint goes on from verify's checkpoint (exit 0)" 0
says "it sends the records before the checkpoint and the new one" out "n.log: sent 3 new records, seq 1 to 3"
says "and moves the checkpoint forward" err "moved the checkpoint $T/cp forward"
found "the LRS holds them" "$T/n.json" "found 3 of 3"
v=$("$W" verify -k "$T/k.pub" --checkpoint "$T/cp" "$T/n.log" 2>&1)
case $v in
*"PASS: 4 records (0 new since the checkpoint, 4 unchanged)"*)
	e2e_ok "verify then finds nothing new since send's checkpoint" ;;
*) e2e_not_ok "verify then finds nothing new since send's checkpoint" "$v" ;;
esac
attend "$T/n.log" "Quin Four"
cp "$T/n.log" "$T/n.bak"
sed -i 's/Nia One/Nia Oke/' "$T/n.log"
send --auth-file "$LRS_AUTH" --checkpoint "$T/cp" "$T/n.log"
status "a log changed before its checkpoint is not sent (exit 1)" 1
says "the change is said" err "bytes verified at the last checkpoint have changed since; verifying in full"
says "and the full verification's error" err "n.log:2: error: bad signature"
says "and the checkpoint stays" err "was not moved forward: not every log passed"
cp "$T/n.bak" "$T/n.log"
send --auth-file "$LRS_AUTH" --checkpoint "$T/cp" "$T/n.log"
status "put back, the log is sent (exit 0)" 0
says "only its new record" out "n.log: sent 1 new record, seq 4 to 4"
head -n 3 "$T/n.bak" >"$T/n.log"
send --auth-file "$LRS_AUTH" --checkpoint "$T/cp" "$T/n.log"
status "a log cut short since its checkpoint is not sent (exit 1)" 1
says "it was rolled back" err "n.log: not sent: no longer contains the checkpointed head (seq 4"

# ---- Credentials -------------------------------------------------------------
attend "$T/e.log" "Lee Hunt" "Mo Khan"
xapi "$T/e.log" >"$T/e.json"
printf 'workshop-test:not-the-password-%s\n' $$ >"$T/bad-auth"
chmod 600 "$T/bad-auth"
cp "$T/send-state" "$T/send-state.before"
send --auth-file "$T/bad-auth" "$T/e.log"
status "a wrong password exits 2" 2
says "the LRS's refusal is given" err "the LRS refused user workshop-test (the LRS answered 401: Unauthorised"
cmp -s "$T/send-state" "$T/send-state.before" && e2e_ok "nothing is marked sent" ||
	e2e_not_ok "nothing is marked sent" "$(diff "$T/send-state.before" "$T/send-state")"
found "nothing reached the LRS" "$T/e.json" "found 0 of 2"
chmod 644 "$T/bad-auth"
send --auth-file "$T/bad-auth" "$T/e.log"
status "an auth file others may read is refused (exit 2)" 2
says "with the key files' message" err "bad-auth: readable by others (mode 644); run chmod 600"
printf 'no colon here\n' >"$T/bad-auth2"
chmod 600 "$T/bad-auth2"
send --auth-file "$T/bad-auth2" "$T/e.log"
status "an auth file without user:password exits 2" 2
says "it says what it expected" err "bad-auth2: expected 'user:password' on its first line"
send --lrs "http://workshop-test:$pw@127.0.0.1:$LRS_PORT/xAPI" "$T/e.log"
status "credentials in the URL are refused (exit 2)" 2
printf '%s\n' "$pw" | "$W" send --lrs "$LRS_URL" -k "$T/k.pub" --state "$T/send-state" \
	--user workshop-test --password-file - "$T/e.log" >"$T/out" 2>"$T/err"
st=$?
status "a password from standard input works" 0

# ---- The state file ----------------------------------------------------------
attend "$T/s.log" "Sid Vale"
"$W" send --lrs "$LRS_URL/" --auth-file "$LRS_AUTH" -k "$T/k.pub" "$T/s.log" \
	>"$T/out" 2>"$T/err"
st=$?
status "without --state, the state goes to the default place" 0
f=$XDG_STATE_HOME/workshop/send-state
if [ "$(stat -c %a "$f" 2>/dev/null)" = 600 ] &&
	grep -q "^sent $LRS_URL [0-9a-f]* 1 " "$f"; then
	e2e_ok "\$XDG_STATE_HOME/workshop/send-state, mode 600, keyed by the endpoint without its slash"
else
	e2e_not_ok "\$XDG_STATE_HOME/workshop/send-state, mode 600" "$(ls -l "$f"; cat "$f")"
fi
send --auth-file "$LRS_AUTH" --batch 0 "$T/s.log"
status "--batch 0 is a usage error" 2
says "it gives the range" err "--batch: expected a number from 1 to 1000, not '0'"
send --auth-file "$LRS_AUTH" --retry-wait 61 "$T/s.log"
status "--retry-wait over a minute is a usage error" 2
cp "$T/send-state" "$T/send-state.good"
printf 'sent %s 0123 1 abc\n' "$LRS_URL" >>"$T/send-state"
send --auth-file "$LRS_AUTH" "$T/e.log"
status "a damaged state file exits 2" 2
says "its line is named" err "send-state:$(wc -l <"$T/send-state"): expected a log id of 32 lower-case hex digits"
cp "$T/send-state.good" "$T/send-state"

# ---- 409: two records claiming one id -----------------------------------------
attend "$T/f.log" "N1" "N2" "N3" "N4" "N5"
xapi "$T/f.log" >"$T/f.json"
jq -c '[.[2] | .timestamp = "2020-01-01T00:00:00Z"]' "$T/f.json" >"$T/other.json"
conflict_id=$(jq -r '.[2].id' "$T/f.json")
curl -sf -o /dev/null -u "$(cat "$LRS_AUTH")" -H 'Content-Type: application/json' \
	-H 'X-Experience-API-Version: 1.0.3' --data-binary @"$T/other.json" \
	"$LRS_URL/statements" || e2e_not_ok "posting the other statement first"
send --auth-file "$LRS_AUTH" --batch 2 "$T/f.log" "$T/c.log"
status "a 409 conflict exits 1" 1
says "it names the record and the id" err "f.log:4: seq 3: the LRS holds a different statement with its id $conflict_id: two different records claim the same id"
says "the records before it are sent" out "f.log: sent 2 of 5 new records, seq 1 to 2; the rest were not sent"
case $(cursor "$T/f.log") in
"2 "*) e2e_ok "the cursor stops before the conflicting record" ;;
*) e2e_not_ok "the cursor stops before the conflicting record" "$(cat "$T/send-state")" ;;
esac
jq -c '.[0:2]' "$T/f.json" >"$T/f12.json"
jq -c '.[3:5]' "$T/f.json" >"$T/f45.json"
found "the records before it are in the LRS" "$T/f12.json" "found 2 of 2"
found "the records after it are not" "$T/f45.json" "found 0 of 2"


# ---- The password never shows ---------------------------------------------------
if grep -qF -- "$pw" "$T/all" || grep -qF "not-the-password-$$" "$T/all"; then
	e2e_not_ok "no message ever shows a password" "$(grep -F -e "$pw" -e "not-the-password" "$T/all")"
else
	e2e_ok "no message ever shows a password"
fi

# ---- 429 and 503 with Retry-After; an LRS that stays busy ------------------------
lrs_stop
LRS_ENV="LRS_BUSY=429,503" lrs_start busy
attend "$T/h.log" "Pat Fox"
t0=$(date +%s.%N)
send --auth-file "$LRS_AUTH" --retry-wait 0.01 "$T/h.log"
t1=$(date +%s.%N)
status "429 then 503 are tried again, then sent (exit 0)" 0
says "each retry is announced with the LRS's wait" err "trying again in 1.0 s (retry 1 of 5)"
says "the second too" err "the LRS answered 503: Busy: try later; trying again in 1.0 s (retry 2 of 5)"
awk -v a="$t0" -v b="$t1" 'BEGIN { exit !(b - a >= 2) }' &&
	e2e_ok "Retry-After is honoured over --retry-wait" ||
	e2e_not_ok "Retry-After is honoured over --retry-wait" "$t0 $t1"
lrs_stop
LRS_ENV="LRS_BUSY=400" lrs_start rejects
attend "$T/g.log" "Oz Ward"
send --auth-file "$LRS_AUTH" "$T/g.log" "$T/h.log"
status "a batch the LRS rejects (400) exits 1" 1
says "with the LRS's own words" err "g.log: the LRS rejected the statements of seq 1 to 1 (the LRS answered 400: Missing required value in 'statements.0.actor'; Unknown keys (bad) set in 'statements.0')"
says "and it stops at once" out "sent no new records; 1 log not sent; 1 log not tried"
lrs_stop
LRS_ENV="LRS_BUSY=503,503,503 LRS_RETRY_AFTER=0" lrs_start busy2
cp "$T/send-state" "$T/send-state.before"
send --auth-file "$LRS_AUTH" --retries 2 --retry-wait 0.01 "$T/h.log"
status "an LRS busy after every retry exits 2" 2
says "it says the LRS is unavailable, after how many tries" err "the LRS is unavailable: the LRS answered 503: Busy: try later (3 tries)"
cmp -s "$T/send-state" "$T/send-state.before" && e2e_ok "and marks nothing sent" ||
	e2e_not_ok "and marks nothing sent"
lrs_stop

# ---- HTTPS -------------------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
	-addext subjectAltName=IP:127.0.0.1 -keyout "$T/tls.key" \
	-out "$T/tls.pem" >/dev/null 2>&1 || e2e_not_ok "openssl makes a certificate"
LRS_ENV="LRS_TLS_CERT=$T/tls.pem LRS_TLS_KEY=$T/tls.key" lrs_start tls
send --auth-file "$LRS_AUTH" --retries 0 "$T/a.log"
status "https:// with a certificate no authority signed exits 2" 2
says "with curl's reason" err "SSL certificate problem"
send --auth-file "$LRS_AUTH" --cacert "$T/tls.pem" "$T/a.log"
status "https:// with --cacert sends (exit 0)" 0
says "everything" out "a.log: sent 5 new records, seq 1 to 5"
xapi "$T/a.log" >"$T/a.json"
LRS_CA=$T/tls.pem found "the statements arrived over https" "$T/a.json" "found 5 of 5"
lrs_stop

# ---- The progress line on a terminal -------------------------------------------
"$LOGBENCH" gen 600 "$T/p.log" "$T/k.key" >/dev/null || e2e_not_ok "logbench gen"
LRS_ENV="LRS_DELAY_MS=300" lrs_start slow
e2e_start 100 10 send --lrs "$LRS_URL" --auth-file "$LRS_AUTH" -k "$T/k.pub" \
	--state "$T/send-state" "$T/p.log"
e2e_check "a terminal shows a progress line" "p.log: 100 of 599 records" 30
ps -eo args >"$T/ps"
if grep -q 'send --lrs' "$T/ps" && ! grep -qF -- "$pw" "$T/ps"; then
	e2e_ok "ps shows the running send without the password"
else
	e2e_not_ok "ps shows the running send without the password" "$(grep 'send' "$T/ps")"
fi
send --auth-file "$LRS_AUTH" "$T/p.log"
status "a second run on the same state file meanwhile exits 2" 2
says "it says why" err "send-state.lock: another workshop send is using this state file"
e2e_check "which moves on" "p.log: 300 of 599 records" 30
st=$(e2e_exited 60)
[ "$st" = 0 ] && e2e_ok "the send ends with 0" || e2e_not_ok "the send ends with 0" "$st"
e2e_check "and its summary" "sent 599 new records from 1 log"
e2e_lacks "the progress line is cleared at the end" "of 599 records"

e2e_finish
