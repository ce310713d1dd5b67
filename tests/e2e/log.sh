#!/bin/sh
# End-to-end: making a station key at the terminal (the passphrase asked
# twice, never echoed), recording attendance with it, and verifying the log.
. "$(dirname "$0")/lib.sh"
e2e_init "$@"
# Keep the tmux server up between sessions: starting a session while the
# last one's server is exiting can fail.
printf 'set -s exit-empty off\n' >>"$E2E_TMP/tmux.conf"
pack=$E2E_FIXTURES/pack
key=$E2E_TMP/st

e2e_start 100 30 keygen -o "$key"
e2e_check "keygen asks for a passphrase" "Passphrase:"
e2e_type "correct horse battery"
e2e_keys Enter
e2e_check "keygen asks for it again" "Passphrase (again):"
e2e_lacks "the passphrase is not echoed" "correct horse"
e2e_type "correct horse battery"
e2e_keys Enter
e2e_check "keygen prints the key id" "key id: " 30
st=$(e2e_exited 30)
[ "$st" = 0 ] && e2e_ok "keygen exits 0" || e2e_not_ok "keygen exits 0" "status $st"
e2e_lacks "the passphrase never showed" "correct horse"
mode=$(stat -c %a "$key.key" 2>/dev/null)
[ "$mode" = 600 ] && e2e_ok "the secret key is mode 600" || e2e_not_ok "the secret key is mode 600" "mode $mode"

e2e_start 100 30 keygen -o "$E2E_TMP/other"
e2e_check "a second keygen asks" "Passphrase:"
e2e_type "one"
e2e_keys Enter
e2e_check "and asks again" "Passphrase (again):"
e2e_type "two"
e2e_keys Enter
e2e_check "mismatched passphrases are refused" "the passphrases do not match"
st=$(e2e_exited)
[ "$st" = 1 ] && e2e_ok "a refused keygen exits 1" || e2e_not_ok "a refused keygen exits 1" "status $st"
[ ! -e "$E2E_TMP/other.key" ] && e2e_ok "no key was written" || e2e_not_ok "no key was written"

e2e_start 100 30 attend --content "$pack" -m basics -k "$key.key" \
	-l "$E2E_TMP/c.log" -f "Fay Tutor" "Ann Smith" "Bob Jones"
e2e_check "attend asks for the key's passphrase" "Passphrase:"
e2e_type "wrong"
e2e_keys Enter
e2e_check "a wrong passphrase is a clear error" "wrong passphrase" 30
st=$(e2e_exited 30)
[ "$st" = 1 ] && e2e_ok "a wrong passphrase exits 1" || e2e_not_ok "a wrong passphrase exits 1" "status $st"

e2e_start 100 30 attend --content "$pack" -m basics -k "$key.key" \
	-l "$E2E_TMP/c.log" -f "Fay Tutor" "Ann Smith" "Bob Jones"
e2e_check "attend asks again" "Passphrase:"
e2e_type "correct horse battery"
e2e_keys Enter
e2e_check "attend records both" "recorded attendance of 2 people at basics" 30
st=$(e2e_exited 30)
[ "$st" = 0 ] && e2e_ok "attend exits 0" || e2e_not_ok "attend exits 0" "status $st"

e2e_start 120 30 verify -k "$key.pub" "$E2E_TMP/c.log"
e2e_check "verify shows the attendees" "Bob Jones                basics               attended"
e2e_check "verify passes the log" "c.log: PASS: 3 records, ends at seq 2"
st=$(e2e_exited)
[ "$st" = 0 ] && e2e_ok "verify exits 0" || e2e_not_ok "verify exits 0" "status $st"

sed 's/Bob Jones/Rob Jones/' "$E2E_TMP/c.log" >"$E2E_TMP/t.log"
e2e_start 120 30 verify -k "$key.pub" "$E2E_TMP/t.log"
e2e_check "verify names the changed line" "t.log:3: error: bad signature"
st=$(e2e_exited)
[ "$st" = 1 ] && e2e_ok "a tampered log exits 1" || e2e_not_ok "a tampered log exits 1" "status $st"

e2e_finish
