#!/bin/sh
# End-to-end: the shared-PC kiosk, and colour only where it is wanted.
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

pack=$E2E_FIXTURES/pack
printf 'kiosk secret\n' >"$E2E_TMP/pass"
"$E2E_BIN" keygen -o "$E2E_TMP/station" --passphrase-file "$E2E_TMP/pass" \
	>/dev/null || e2e_not_ok "keygen for the tests"
log=$E2E_TMP/kiosk.log

e2e_start 80 24 kiosk --content "$pack" --key "$E2E_TMP/station.key" \
	--passphrase-file "$E2E_TMP/pass" --log "$log"
e2e_check "the kiosk asks the learner's name" "Your name:"
e2e_keys C-c
e2e_type "Jo Bloggs"
e2e_keys Enter
e2e_check "Ctrl-C does not leave the kiosk" "Staff id (optional):"
e2e_keys Enter
e2e_check "the learner chooses a module" "Modules for Jo Bloggs"
e2e_keys 3
e2e_check "the law module" "The law: Consent"
e2e_keys Enter 1
e2e_check "quiz feedback" "Score so far: 1 of 1."
e2e_keys Enter 2
e2e_check "second answer" "Score so far: 2 of 2."
e2e_keys Enter
e2e_check "results" "You got 2 of 2 right (100%)."
e2e_keys Enter Enter Enter Enter Enter
e2e_check "the rating" "Talking about relationships"
e2e_keys 5
e2e_check "the record is signed by the kiosk's key" "Recorded: passed, 2/2"
e2e_keys Enter
e2e_check "the next learner is asked their name" "Your name:"
e2e_keys Escape
e2e_check "leaving needs the passphrase" "Passphrase:"
e2e_type "wrong"
e2e_keys Enter
e2e_check "a wrong passphrase does not leave" "That is not the passphrase."
e2e_lacks "the passphrase is not shown" "wrong"
e2e_type "kiosk secret"
e2e_keys Enter
st=$(e2e_exited 30)
[ "$st" = 0 ] && e2e_ok "the right passphrase leaves" ||
	e2e_not_ok "the right passphrase leaves" "status $st"
if out=$("$E2E_BIN" verify --format csv -k "$E2E_TMP/station.pub" "$log" 2>&1); then
	e2e_ok "the kiosk's record verifies"
else
	e2e_not_ok "the kiosk's record verifies" "$out"
fi
case $out in
*"Jo Bloggs"*kiosk*) e2e_ok "the record says kiosk" ;;
*"Jo Bloggs"*) grep -q '"mode":"kiosk"' "$log" &&
	e2e_ok "the record says kiosk" ||
	e2e_not_ok "the record says kiosk" "$(cat "$log")" ;;
*) e2e_not_ok "the record says kiosk" "$out" ;;
esac

# Colour: on by default, off with NO_COLOR; the marks are there either way.
colours() {
	e2e_tmux capture-pane -p -e -t t | grep -c '\[3[0-7]m\|\[38;5;' || true
}
e2e_start 80 24 learn --content "$pack" --name Col law
e2e_check "colour run" "Step 1/4"
e2e_keys Enter 2
e2e_check "a wrong answer is marked" "✗ Not right"
n=$(colours)
[ "$n" -gt 0 ] && e2e_ok "colour is used by default" ||
	e2e_not_ok "colour is used by default" "$(e2e_tmux capture-pane -p -e -t t)"
E2E_ENV=NO_COLOR=1 e2e_start 80 24 learn --content "$pack" --name Nocol law
e2e_check "NO_COLOR run" "Step 1/4"
e2e_keys Enter 2
e2e_check "the mark is there without colour" "✗ Not right"
n=$(colours)
[ "$n" -eq 0 ] && e2e_ok "NO_COLOR draws without colour" ||
	e2e_not_ok "NO_COLOR draws without colour" "$(e2e_tmux capture-pane -p -e -t t)"

# A key without a passphrase would let anyone leave: the kiosk refuses it.
"$E2E_BIN" keygen -o "$E2E_TMP/open" --unencrypted >/dev/null 2>&1
e2e_start 80 24 kiosk --content "$pack" --key "$E2E_TMP/open.key"
e2e_check "a key without a passphrase is refused" "has no passphrase"
st=$(e2e_exited)
[ "$st" = 2 ] && e2e_ok "and the kiosk does not start (status 2)" ||
	e2e_not_ok "and the kiosk does not start (status 2)" "status $st"

e2e_finish
